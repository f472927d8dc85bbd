/**
 * The secretariat's form to create a working group, or a sub-group of `parent`: name and
 * description. Collapsed behind one button until wanted; the server checks everything again.
 */

import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkingGroupDto } from '../../../shared/schemas/workingGroups.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { post } from '../app/api.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useCommand } from '../ui/useCommand.ts';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { useInlineForm } from '../ui/useInlineForm.ts';
import { nameMissing, WORKING_GROUP_FIELDS, WorkingGroupFields } from './WorkingGroupFields.tsx';
import { workingGroupTitleId } from './workingGroupTitleId.ts';

export function CreateWorkingGroupForm({ meetingId, parent }: { meetingId: string; parent?: WorkingGroupDto }) {
  const { t } = useTranslation();
  const id = useId();
  // Created, the focus goes to the new group's heading (it comes through the live document); cancelled, back to the button.
  const form = useInlineForm();
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const { busy, message, run } = useCommand((reason) => t('workingGroups.failed', { message: reason }));
  const errors = useFieldErrors(WORKING_GROUP_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.check({ name: !hasVisibleText(name) && nameMissing(t) })) return;
    void run(
      async () => {
        const group = await post<WorkingGroupDto>(`/api/meetings/${encodeURIComponent(meetingId)}/working-groups`, {
          name,
          ...(description.trim() ? { description } : {}),
          ...(parent ? { parentId: parent.id } : {}),
        });
        setName('');
        setDescription('');
        form.close(workingGroupTitleId(group.id));
      },
      t('workingGroups.admin.created', { name: name.trim() }),
      (error) => errors.fail(error, { name: nameMissing(t) }),
    );
  };
  // Opened again after Cancel or Escape, the form starts empty (it kept the old name, and the next one was typed after it).
  const start = () => {
    setName('');
    setDescription('');
    errors.clear();
    form.show();
  };
  const openLabel = parent ? t('workingGroups.admin.newSubGroup', { group: parent.name }) : t('workingGroups.admin.newGroup');
  return (
    <div className="working-group__admin-form">
      {message && !message.error && (
        <p className="working-group__message" role="status">
          {message.text}
        </p>
      )}
      {!form.open ? (
        <button ref={form.opener} type="button" className="button" onClick={start}>
          {openLabel}
        </button>
      ) : (
        <form
          ref={form.form}
          className="form card"
          onSubmit={submit}
          onKeyDown={form.onKeyDown}
          aria-labelledby={`${id}-title`}
          noValidate
        >
          <h3 id={`${id}-title`} className="working-group__form-title">
            {openLabel}
          </h3>
          <ErrorAlert message={message?.error ? message.text : null} />
          <WorkingGroupFields
            name={name}
            description={description}
            onName={setName}
            onDescription={setDescription}
            errors={errors}
          />
          <div className="working-group__actions">
            <BusyButton type="submit" className="button button--primary" busy={busy}>
              {parent ? t('workingGroups.admin.createSubGroup') : t('workingGroups.admin.create')}
            </BusyButton>
            <button type="button" className="button" onClick={() => form.close()}>
              {t('workingGroups.admin.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
