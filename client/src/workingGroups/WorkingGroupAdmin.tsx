/**
 * The secretariat's controls on one working group: rename and describe, named roles (co-facilitator,
 * liaison with a title), a sub-group, and archiving (asked twice: it cannot be undone here).
 */

import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  electionDecides,
  WORKING_GROUP_LIMITS,
  WORKING_GROUP_ROLES,
  type WorkingGroupRole,
} from '../../../shared/constants/workingGroups.ts';
import { isolate } from '../../../shared/i18n/format.ts';
import type { WorkingGroupDto } from '../../../shared/schemas/workingGroups.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { del, patch, post, put } from '../app/api.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { Field, SelectField } from '../ui/Field.tsx';
import { placeholders, sentenceNodes } from '../ui/listNodes.tsx';
import { nameLimit, nameMaxLength } from '../ui/nameLimit.ts';
import { useCommand } from '../ui/useCommand.ts';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { useInlineForm } from '../ui/useInlineForm.ts';
import { CreateWorkingGroupForm } from './CreateWorkingGroupForm.tsx';
import { useOpenElectionRoles } from './openElectionRoles.ts';
import { nameMissing, WORKING_GROUP_FIELDS, WorkingGroupFields } from './WorkingGroupFields.tsx';

export function WorkingGroupAdmin({ group }: { group: WorkingGroupDto }) {
  const { t } = useTranslation();
  const id = useId();
  const { busy, message, run } = useCommand((reason) => t('workingGroups.failed', { message: reason }));
  // The status messages name people, groups and titles isolated (FSI … PDI): plain text in a status line,
  // where a Latin name in an Arabic sentence (or the reverse) would otherwise reorder the words around it.
  return (
    // Folded by default: the tab lists every group, and the secretariat opens the one it works on.
    <details className="working-group__section working-group__admin">
      <summary id={`${id}-admin`}>
        {t('workingGroups.admin.title')}
        <span className="sr-only"> {group.name}</span>
      </summary>
      <div className="working-group__admin-body">
        <p className={message?.error ? 'alert alert--error' : 'working-group__message'} role="status">
          {message?.text ?? ''}
        </p>
        <EditDetails group={group} busy={busy} run={run} />
        <Roles group={group} busy={busy} run={run} />
        {group.parentId === null && <CreateWorkingGroupForm meetingId={group.meetingId} parent={group} />}
        <Archive group={group} busy={busy} run={run} />
      </div>
    </details>
  );
}

type Run = (action: () => Promise<unknown>, done: string, shown?: (error: unknown) => boolean) => Promise<void>;
const base = (group: WorkingGroupDto) => `/api/working-groups/${encodeURIComponent(group.id)}`;

function EditDetails({ group, busy, run }: { group: WorkingGroupDto; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const id = useId();
  // The form takes the button's place: the focus goes into its Name, and back to the button when saved or cancelled.
  const form = useInlineForm();
  const [name, setName] = useState(group.name);
  const [description, setDescription] = useState(group.description);
  const start = () => {
    setName(group.name);
    setDescription(group.description);
    form.show();
  };
  const errors = useFieldErrors(WORKING_GROUP_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!errors.check({ name: !hasVisibleText(name) && nameMissing(t) })) return;
    void run(
      async () => {
        await patch(base(group), { name, description });
        form.close();
      },
      t('workingGroups.admin.saved', { name: isolate(name.trim()) }),
      (error) => errors.fail(error, { name: nameMissing(t) }),
    );
  };
  if (!form.open) {
    return (
      <button ref={form.opener} type="button" className="button" onClick={start}>
        {t('workingGroups.admin.edit')}
        <span className="sr-only"> {group.name}</span>
      </button>
    );
  }
  return (
    <form
      ref={form.form}
      className="form"
      onSubmit={submit}
      onKeyDown={form.onKeyDown}
      aria-labelledby={`${id}-title`}
      noValidate
    >
      <h5 id={`${id}-title`} className="working-group__form-title">
        {t('workingGroups.admin.editTitle', { group: group.name })}
      </h5>
      <WorkingGroupFields name={name} description={description} onName={setName} onDescription={setDescription} errors={errors} />
      <div className="working-group__actions">
        <BusyButton type="submit" className="button button--primary" busy={busy}>
          {t('workingGroups.admin.save')}
        </BusyButton>
        <button type="button" className="button" onClick={() => form.close()}>
          {t('workingGroups.admin.cancel')}
        </button>
      </div>
    </form>
  );
}

/** The fields of "Give the role", as the server names them in a refusal (a title too long once normal, held already). */
const ROLE_FIELDS = ['userId', 'role', 'title'] as const;

function Roles({ group, busy, run }: { group: WorkingGroupDto; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const id = useId();
  const errors = useFieldErrors(ROLE_FIELDS);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<WorkingGroupRole>('liaison');
  const [title, setTitle] = useState('');
  // The role an open election fills waits for its vote, as the server says (ELECTION_OPEN); any
  // other is given at once: a liaison while co-facilitators are elected, a candidate's too.
  const openRoles = useOpenElectionRoles(group);
  const electingCoFacilitator = electionDecides(openRoles, { role: 'co-facilitator', title: '' });
  const roles: readonly WorkingGroupRole[] = electingCoFacilitator
    ? WORKING_GROUP_ROLES.filter((entry) => entry !== 'co-facilitator')
    : WORKING_GROUP_ROLES;
  const chosenRole = roles.includes(role) ? role : 'liaison';
  const electedTitles = openRoles.filter((entry) => entry.role === 'liaison').map((entry) => entry.title);
  const titleElected =
    chosenRole === 'liaison'
      ? electedTitles.find((elected) => electionDecides([{ role: 'liaison', title: elected }], { role: 'liaison', title }))
      : undefined;
  const roleName = (entry: WorkingGroupDto['roles'][number]) =>
    entry.role === 'liaison' ? entry.title || t('workingGroups.roles.liaison') : t('workingGroups.roles.co-facilitator');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const person = group.members.find((member) => member.id === userId);
    if (!person || titleElected !== undefined) return;
    errors.clear();
    void run(
      async () => {
        await put(`${base(group)}/roles/${encodeURIComponent(userId)}`, {
          role: chosenRole,
          ...(chosenRole === 'liaison' && title.trim() ? { title } : {}),
        });
        setUserId('');
        setTitle('');
      },
      t('workingGroups.admin.roleAssigned', { name: isolate(person.name) }),
      // A refusal that names a field (the title too long once normal, or already held) is said beside it.
      (error) => errors.fail(error),
    );
  };
  return (
    <div className="working-group__roles">
      <h5 id={`${id}-roles`} className="working-group__form-title">
        {t('workingGroups.admin.roles')}
      </h5>
      {group.roles.length === 0 ? (
        <p className="working-group__muted">{t('workingGroups.admin.noRoles')}</p>
      ) : (
        <ul className="working-group__nominations" aria-labelledby={`${id}-roles`}>
          {group.roles.map((entry) => (
            // A person may hold several liaison titles: each is its own entry, removed alone.
            <li key={`${entry.role}-${entry.id}-${entry.title ?? ''}`}>
              <bdi>{entry.name}</bdi>, {roleName(entry)}
              <BusyButton
                type="button"
                className="button button--quiet"
                busy={busy}
                onClick={() =>
                  run(
                    () => del(`${base(group)}/roles/${encodeURIComponent(entry.id)}?${removalQuery(entry)}`),
                    // Named, since the person may keep other titles: "Olena is no longer NRI liaison."
                    entry.role === 'liaison'
                      ? t('workingGroups.admin.liaisonRemoved', { name: isolate(entry.name), role: isolate(roleName(entry)) })
                      : t('workingGroups.admin.coFacilitatorRemoved', { name: isolate(entry.name) }),
                  )
                }
              >
                {t('workingGroups.admin.removeRole', { name: entry.name, role: roleName(entry) })}
              </BusyButton>
            </li>
          ))}
        </ul>
      )}
      {group.members.length === 0 ? (
        <p className="working-group__muted">{t('workingGroups.admin.rolesNeedMembers')}</p>
      ) : (
        <form className="form working-group__role-form" onSubmit={submit} aria-label={t('workingGroups.admin.assignRole')}>
          {electingCoFacilitator && <p className="working-group__note">{t('workingGroups.admin.coFacilitatorElection')}</p>}
          {electedTitles.map((elected) => (
            <p key={elected} className="working-group__note">
              {sentenceNodes(t('workingGroups.admin.liaisonElection', placeholders('title')), { title: <bdi>{elected}</bdi> })}
            </p>
          ))}
          <Field label={t('workingGroups.admin.person')} {...errors.field('userId')}>
            {(control) => (
              <select {...control} required value={userId} onChange={(event) => setUserId(event.target.value)}>
                <option value="">{t('workingGroups.chooseMember')}</option>
                {group.members.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <SelectField
            label={t('workingGroups.admin.role')}
            value={chosenRole}
            onChange={setRole}
            options={roles}
            optionLabel={(value) => t(`workingGroups.roles.${value}`)}
            {...errors.field('role')}
          />
          {chosenRole === 'liaison' && (
            <Field
              label={t('workingGroups.admin.roleTitle')}
              hint={t('workingGroups.admin.roleTitleHint')}
              id={errors.field('title').id}
              error={
                titleElected !== undefined
                  ? sentenceNodes(t('workingGroups.admin.titleBeingElected', placeholders('title')), {
                      title: <bdi>{titleElected}</bdi>,
                    })
                  : errors.field('title').error
              }
              limit={nameLimit(title, WORKING_GROUP_LIMITS.title)}
            >
              {(control) => (
                <input
                  {...control}
                  maxLength={nameMaxLength(WORKING_GROUP_LIMITS.title)}
                  value={title}
                  onChange={(event) => setTitle(event.target.value)}
                />
              )}
            </Field>
          )}
          <BusyButton type="submit" className="button" busy={busy} disabled={!userId || titleElected !== undefined}>
            {t('workingGroups.admin.assignRole')}
          </BusyButton>
        </form>
      )}
    </div>
  );
}

/** The query that removes this one entry: a co-facilitator, or one liaison title (the person's other titles stay). */
function removalQuery(entry: WorkingGroupDto['roles'][number]): string {
  const query = new URLSearchParams({ role: entry.role });
  if (entry.role === 'liaison' && entry.title) query.set('title', entry.title);
  return query.toString();
}

function Archive({ group, busy, run }: { group: WorkingGroupDto; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const id = useId();
  const [asking, setAsking] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);
  // Focus follows the question, so that a keyboard or screen-reader user hears what they confirm,
  // and goes back to the button when they keep the group.
  useEffect(() => {
    if (asking) question.current?.focus();
    else if (asked.current) opener.current?.focus();
    asked.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <button ref={opener} type="button" className="button" onClick={() => setAsking(true)}>
        {t('workingGroups.admin.archive')}
        <span className="sr-only"> {group.name}</span>
      </button>
    );
  }
  return (
    <div className="working-group__confirm" role="group" aria-labelledby={`${id}-question`}>
      <p id={`${id}-question`} ref={question} tabIndex={-1}>
        {group.parentId === null
          ? t('workingGroups.admin.archiveQuestion', { group: group.name })
          : t('workingGroups.admin.archiveSubQuestion', { group: group.name })}
      </p>
      <div className="working-group__actions">
        <BusyButton
          type="button"
          className="button button--primary"
          busy={busy}
          onClick={() =>
            run(() => post(`${base(group)}/archive`), t('workingGroups.admin.archived', { group: isolate(group.name) }))
          }
        >
          {t('workingGroups.admin.confirmArchive')}
        </BusyButton>
        <button type="button" className="button" onClick={() => setAsking(false)}>
          {t('workingGroups.admin.keep')}
        </button>
      </div>
    </div>
  );
}
