/**
 * The meeting's tools beside a document (who is here, the current item, the day view, versions):
 * one at a time, switched by tabs, and the whole column collapsible on a wide screen so the text
 * gets the room. The chosen tool and the collapsed state are remembered in this browser.
 */
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TabList, TabPanel } from '../meetings/TabList.tsx';
import { ErrorBoundary } from './ErrorBoundary.tsx';

export interface Tool {
  id: string;
  label: string;
  content: ReactNode;
}

const STORAGE_KEY = 'plenary:tools';

interface Remembered {
  selected?: string;
  collapsed?: boolean;
}

function remembered(): Remembered {
  try {
    return JSON.parse(localStorage.getItem(STORAGE_KEY) ?? '{}') as Remembered;
  } catch {
    return {};
  }
}

function remember(value: Remembered): void {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...remembered(), ...value }));
  } catch {
    // Private windows may refuse storage; the choice then lasts for this page only.
  }
}

export interface ToolPanelProps {
  tools: Tool[];
  /** Whether the column may collapse (wide screens); on narrow ones the sheet closes instead. */
  collapsible: boolean;
  collapsed: boolean;
  onCollapsedChange: (collapsed: boolean) => void;
  headingId: string;
  /** A close button, when the panel is shown as a sheet. */
  closeButton?: ReactNode;
}

export function useToolsCollapsed(): [boolean, (value: boolean) => void] {
  const [collapsed, setCollapsed] = useState(() => remembered().collapsed === true);
  return [
    collapsed,
    (value) => {
      setCollapsed(value);
      remember({ collapsed: value });
    },
  ];
}

export function ToolPanel({ tools, collapsible, collapsed, onCollapsedChange, headingId, closeButton }: ToolPanelProps) {
  const { t } = useTranslation();
  const [choice, setChoice] = useState(() => remembered().selected);
  const selected = tools.find((tool) => tool.id === choice) ?? tools[0];
  if (!selected) return null;
  const isCollapsed = collapsible && collapsed;
  return (
    <div className="tools">
      <div className="tools__header">
        <h2 id={headingId} className={isCollapsed ? 'sr-only' : 'tools__title'}>
          {t('tools.title')}
        </h2>
        {closeButton}
        {collapsible && (
          <button
            type="button"
            className="button button--quiet"
            aria-expanded={!isCollapsed}
            aria-controls="tools-content"
            onClick={() => onCollapsedChange(!isCollapsed)}
          >
            {isCollapsed ? t('tools.show') : t('tools.hide')}
          </button>
        )}
      </div>
      <div id="tools-content" hidden={isCollapsed}>
        <TabList
          idPrefix="tools-"
          label={t('tools.title')}
          tabs={tools.map(({ id, label }) => ({ id, label }))}
          selected={selected.id}
          onSelect={(id) => {
            setChoice(id);
            remember({ selected: id });
          }}
        />
        <TabPanel idPrefix="tools-" id={selected.id}>
          {/* A tool that fails leaves the other tools (and the text) working; choosing another starts it afresh. */}
          <ErrorBoundary name={`tool:${selected.id}`} resetKey={selected.id}>
            {selected.content}
          </ErrorBoundary>
        </TabPanel>
      </div>
    </div>
  );
}
