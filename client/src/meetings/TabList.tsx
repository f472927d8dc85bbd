/**
 * WAI-ARIA tabs: arrow keys move between tabs (mirrored in right-to-left), Home and End jump,
 * the selected tab is in the URL (`?tab=`) so that a shared link opens the same view.
 */
import { type KeyboardEvent, type ReactNode, useRef } from 'react';

export interface Tab {
  id: string;
  label: string;
}

export interface TabListProps {
  tabs: Tab[];
  selected: string;
  onSelect: (id: string) => void;
  label: string;
  /** Prefix of the tabs' and panels' ids (`{prefix}tab-{id}`), for a second tab list on one page. */
  idPrefix?: string;
}

export function TabList({ tabs, selected, onSelect, label, idPrefix = '' }: TabListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = tabs.findIndex((tab) => tab.id === selected);
    const rtl = ref.current ? getComputedStyle(ref.current).direction === 'rtl' : false;
    const moves: Record<string, number> = {
      ArrowRight: rtl ? index - 1 : index + 1,
      ArrowLeft: rtl ? index + 1 : index - 1,
      Home: 0,
      End: tabs.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    const next = tabs[(target + tabs.length) % tabs.length]!;
    onSelect(next.id);
    ref.current?.querySelector<HTMLButtonElement>(`#${idPrefix}tab-${next.id}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={label} ref={ref} onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab.id}
          id={`${idPrefix}tab-${tab.id}`}
          type="button"
          role="tab"
          className="tabs__tab"
          aria-selected={tab.id === selected}
          aria-controls={`${idPrefix}panel-${tab.id}`}
          tabIndex={tab.id === selected ? 0 : -1}
          onClick={() => onSelect(tab.id)}
        >
          {tab.label}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({ id, children, idPrefix = '' }: { id: string; children: ReactNode; idPrefix?: string }) {
  return (
    <div
      role="tabpanel"
      id={`${idPrefix}panel-${id}`}
      aria-labelledby={`${idPrefix}tab-${id}`}
      className="tabs__panel"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: WAI-ARIA tabs pattern: a tabpanel without focusable content takes focus itself
      tabIndex={0}
    >
      {children}
    </div>
  );
}
