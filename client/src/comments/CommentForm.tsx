/**
 * Writing a comment: a labelled text area with @mention suggestions (a listbox driven from the
 * keyboard: arrows, Enter or Tab to choose, Escape to close), Ctrl+Enter to send, and the
 * server's refusal, if any, in an alert.
 */

import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMENT_LIMITS } from '../../../shared/constants/comments.ts';
import type { MemberDto } from '../../../shared/schemas/proposals.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { commentsApi } from './commentsApi.ts';
import { bodyForEditing, bodyToStore, type ChosenMentions, mentionQueryAt } from './mentions.ts';

export interface CommentFormProps {
  label: string;
  submitLabel: string;
  /** A stored body to edit, with the people it mentions. */
  initial?: { body: string; mentions: { id: string; name: string }[] };
  onSubmit: (body: string) => Promise<void>;
  onCancel?: () => void;
  /** Focus the text area when the form appears, or later when this turns true (a sheet opened around it). */
  autoFocus?: boolean;
  /** Fields shown before the text area (the passage of a new thread). */
  children?: ReactNode;
  /** Checked before sending; a message refuses. */
  validate?: () => string | null;
}

export function CommentForm({
  label,
  submitLabel,
  initial,
  onSubmit,
  onCancel,
  autoFocus,
  children,
  validate,
}: CommentFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const start = initial ? bodyForEditing(initial.body, initial.mentions) : { text: '', chosen: new Map() as ChosenMentions };
  const [text, setText] = useState(start.text);
  const chosen = useRef<ChosenMentions>(start.chosen);
  const errors = useFieldErrors(['body'] as const);
  const [sending, setSending] = useState(false);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  // Suggestions with the query they answer: a late answer to an older query is never shown.
  const [found, setFound] = useState<{ query: string; members: MemberDto[] }>({ query: '', members: [] });
  const [active, setActive] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  // Where the caret goes once a chosen name is in the text: placed in the same commit as the new
  // text, before the next key is handled (a frame later, fast typing after the choice landed at the end).
  const caretAfterMention = useRef<number | null>(null);
  useLayoutEffect(() => {
    const position = caretAfterMention.current;
    if (position === null || !area.current) return;
    caretAfterMention.current = null;
    area.current.focus();
    area.current.setSelectionRange(position, position);
  });

  useEffect(() => {
    if (autoFocus) area.current?.focus();
  }, [autoFocus]);

  // Suggestions follow the name being typed after "@", a moment after the last key.
  useEffect(() => {
    if (!query) return;
    let live = true;
    const asked = query.query;
    const timer = setTimeout(() => {
      commentsApi.members(asked).then(
        (members) => {
          if (!live) return;
          setFound({ query: asked, members });
          setActive(0);
        },
        () => live && setFound({ query: asked, members: [] }),
      );
    }, 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query?.start, query?.query]);

  const suggestions = query !== null && found.query === query.query ? found.members : [];
  const open = suggestions.length > 0;
  const listId = `${id}-people`;
  const optionId = (index: number) => `${id}-person-${index}`;

  const track = (element: HTMLTextAreaElement) => {
    setQuery(mentionQueryAt(element.value, element.selectionStart));
  };

  const choose = (member: MemberDto) => {
    const element = area.current;
    if (!element || !query) return;
    const caret = element.selectionStart;
    const inserted = `@${member.name} `;
    const next = text.slice(0, query.start) + inserted + text.slice(caret);
    chosen.current.set(member.name, member.id);
    setText(next);
    setQuery(null);
    caretAfterMention.current = query.start + inserted.length;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setActive((index) => (index + step + suggestions.length) % suggestions.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        const member = suggestions[active];
        if (member) choose(member);
        return;
      }
      if (event.key === 'Escape') {
        // Handled: the comments' sheet around the form (ui/useSideSheet.tsx) stays open.
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    // A refusal of the form's own (the passage is gone): said at the top, it names no field.
    const refusal = validate?.() ?? null;
    if (refusal) {
      errors.setFormError(refusal);
      return;
    }
    if (!errors.check({ body: !hasVisibleText(text) && t('comments.empty') })) return;
    setSending(true);
    try {
      await onSubmit(bodyToStore(text, chosen.current));
      setText('');
      chosen.current = new Map();
    } catch (caught) {
      errors.fail(caught, { body: t('comments.empty') });
    } finally {
      setSending(false);
    }
  };

  return (
    <form className="comment-form" onSubmit={submit} noValidate>
      {children}
      <Field
        label={label}
        className="comment-form__field"
        hint={t('comments.formattingHint')}
        {...errors.field('body')}
        limit={{ length: text.length, max: COMMENT_LIMITS.body }}
      >
        {(control) => (
          <>
            <textarea
              {...control}
              ref={area}
              value={text}
              rows={3}
              maxLength={COMMENT_LIMITS.body}
              aria-autocomplete="list"
              aria-controls={listId}
              aria-activedescendant={open ? optionId(active) : undefined}
              onChange={(event) => {
                setText(event.target.value);
                track(event.target);
              }}
              onSelect={(event) => track(event.currentTarget)}
              onKeyDown={onKeyDown}
              // The list closes a moment after the field loses focus (a click on an option lands
              // first), unless the focus has come back by then: a quick Shift+Tab and Tab, then
              // "@Mei" typed within the moment, kept its suggestions closed.
              onBlur={() =>
                setTimeout(() => {
                  if (document.activeElement !== area.current) setQuery(null);
                }, 150)
              }
            />
            {/* biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the ARIA combobox pattern; the textarea keeps focus and points at options through aria-activedescendant */}
            <ul id={listId} role="listbox" aria-label={t('comments.mentionSuggestions')} className="mention-list" hidden={!open}>
              {suggestions.map((member, index) => (
                // biome-ignore lint/a11y/useFocusableInteractive: options of a combobox are reached through aria-activedescendant, not focus
                <li
                  key={member.id}
                  id={optionId(index)}
                  // biome-ignore lint/a11y/noNoninteractiveElementToInteractiveRole: the options of the combobox's listbox (see above)
                  role="option"
                  aria-selected={index === active}
                  className="mention-list__option"
                  onMouseDown={(event) => {
                    event.preventDefault();
                    choose(member);
                  }}
                >
                  {member.name} <span className="mention-list__group">{t(`groups.${member.group}`)}</span>
                </li>
              ))}
            </ul>
            <span className="sr-only" role="status">
              {open ? t('comments.suggestionsCount', { count: suggestions.length }) : ''}
            </span>
          </>
        )}
      </Field>
      <ErrorAlert message={errors.formError} />
      <div className="comment-form__actions">
        <BusyButton type="submit" className="button button--primary" busy={sending}>
          {submitLabel}
        </BusyButton>
        {onCancel && (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            {t('comments.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
