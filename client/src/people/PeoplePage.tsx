/** /admin/people: the secretariat's list of everyone on the board, and what it may do to each. */
import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { USER_STATUSES } from '../../../shared/constants/users.ts';
import { directionOf, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../shared/i18n/languages.ts';
import { ROLES, STAKEHOLDER_GROUPS } from '../../../shared/roles.ts';
import type { InvitedUser, ManagedUser, UserListQuery } from '../../../shared/schemas/users.ts';
import { useUser } from '../app/session.tsx';
import { currentLanguage } from '../i18n/i18n.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { CsvImport } from './CsvImport.tsx';
import { EditPersonDialog } from './EditPersonDialog.tsx';
import { InvitationLink } from './InvitationLink.tsx';
import { EMPTY_PERSON, PersonForm } from './PersonForm.tsx';
import { invitePerson, listPeople, newInvitation, setActive } from './peopleApi.ts';
import { canManagePeople } from './peoplePolicy.ts';
import { useErrorText } from './useErrorText.ts';
import './people.css';
import { usePageTitle } from '../ui/usePageTitle.ts';

type Invited = { name: string; email: string; url: string; expiresAt: number };

export function PeoplePage() {
  const { t } = useTranslation();
  usePageTitle(t('people.admin.title'));
  const me = useUser();
  const errorText = useErrorText();
  const [filter, setFilter] = useState<UserListQuery>({});
  const [draft, setDraft] = useState<UserListQuery>({});
  const [people, setPeople] = useState<ManagedUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [invited, setInvited] = useState<Invited | null>(null);
  const [addKey, setAddKey] = useState(0);
  const [editing, setEditing] = useState<ManagedUser | null>(null);
  const [confirming, setConfirming] = useState<ManagedUser | null>(null);
  const id = useId();

  const reload = useCallback(() => {
    listPeople(filter).then(
      (list) => {
        setPeople(list);
        setError(null);
      },
      (caught: unknown) => setError(t('app.error', { message: errorText(caught) })),
    );
  }, [filter, t, errorText]);
  useEffect(reload, [reload]);

  if (!canManagePeople(me)) {
    return (
      <section className="page">
        <h1>{t('people.admin.title')}</h1>
        <p className="alert alert--error">{t('people.errors.FORBIDDEN')}</p>
      </section>
    );
  }

  const search = (event: FormEvent) => {
    event.preventDefault();
    setFilter({ ...draft });
  };

  const toggle = async (person: ManagedUser) => {
    // The dialog is busy (its button disabled) while this runs, and closes after it.
    const activate = person.status === 'deactivated';
    try {
      await setActive(person.id, activate);
      setStatus(t(activate ? 'people.confirm.reactivated' : 'people.confirm.deactivated', { name: person.name }));
      setConfirming(null);
      reload();
    } catch (caught) {
      setStatus(t('people.confirm.failed', { message: errorText(caught) }));
      setConfirming(null);
    }
  };

  const relink = async (person: ManagedUser) => {
    try {
      const invitation = await newInvitation(person.id);
      setInvited({ name: person.name, email: person.email, ...invitation });
    } catch (caught) {
      setStatus(t('people.confirm.failed', { message: errorText(caught) }));
    }
  };

  const select = (
    key: 'role' | 'group' | 'status' | 'language',
    label: string,
    options: readonly string[],
    optionLabel: (option: string) => string,
  ) => (
    <Field label={label}>
      {(control) => (
        <select
          {...control}
          value={draft[key] ?? ''}
          onChange={(event) => setDraft((old) => ({ ...old, [key]: event.target.value || undefined }))}
        >
          <option value="">{t('people.admin.any')}</option>
          {options.map((option) => (
            <option key={option} value={option}>
              {optionLabel(option)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );

  return (
    <section className="page people" aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>{t('people.admin.title')}</h1>
      <p>{t('people.admin.intro')}</p>
      <p role="status" className="people__status">
        {status}
      </p>

      <section className="people__section" aria-labelledby={`${id}-add`}>
        <h2 id={`${id}-add`}>{t('people.add.title')}</h2>
        <p>{t('people.add.intro')}</p>
        <PersonForm
          key={addKey}
          withEmail
          // The secretariat's own language to begin with: the one the server would write the email in
          // without a choice, and most often the one of the people they invite; the board has no language of its own.
          initial={{ ...EMPTY_PERSON, language: currentLanguage() }}
          submitLabel={t('people.add.submit')}
          busyLabel={t('people.add.submitting')}
          failed={(message) => t('people.add.failed', { message })}
          onSubmit={async (values) => {
            const person: InvitedUser = await invitePerson({
              email: values.email.trim(),
              name: values.name.trim(),
              role: values.role,
              group: values.group,
              region: values.region.trim() || null,
              affiliation: values.affiliation.trim() || null,
              ...(values.language ? { language: values.language } : {}),
            });
            setInvited({ name: person.name, email: person.email, ...person.invitation });
            setStatus(t('people.add.added', { name: person.name }));
            setAddKey((key) => key + 1);
            reload();
          }}
        />
        {invited && <InvitationLink {...invited} focus />}
      </section>

      <section className="people__section" aria-labelledby={`${id}-list`}>
        <h2 id={`${id}-list`}>{t('people.admin.searchTitle')}</h2>
        <search>
          <form className="people__filters" onSubmit={search}>
            <Field label={t('people.admin.search')} hint={t('people.admin.searchHint')}>
              {(control) => (
                <input
                  {...control}
                  type="search"
                  value={draft.q ?? ''}
                  onChange={(event) => setDraft((old) => ({ ...old, q: event.target.value }))}
                />
              )}
            </Field>
            {select('role', t('people.admin.role'), ROLES, (role) => t(`roles.${role}`))}
            {select('group', t('people.admin.group'), STAKEHOLDER_GROUPS, (group) => t(`groups.${group}`))}
            {select('status', t('people.admin.status'), USER_STATUSES, (value) => t(`people.admin.statuses.${value}`))}
            {/* Named as in the person form: "Language" alone is the header's picker of the page's own language. */}
            {select('language', t('people.add.language'), [...LANGUAGES, 'none'], (value) =>
              value === 'none' ? t('people.admin.languageUnset') : LANGUAGE_NAMES[value as Language],
            )}
            <button type="submit" className="button button--primary">
              {t('people.admin.search')}
            </button>
          </form>
        </search>
        <ErrorAlert message={error} />
        {!people && !error && <p role="status">{t('app.loading')}</p>}
        {people && (
          <>
            <p aria-live="polite">{t('people.admin.count', { count: people.length })}</p>
            {people.length === 0 ? (
              <p>{t('people.admin.empty')}</p>
            ) : (
              <DataTable caption={t('people.admin.table')}>
                <thead>
                  <tr>
                    <th scope="col">{t('people.admin.name')}</th>
                    {/* The actions come right after the name, not last: on a tablet or a phone the table
                        scrolls sideways in its region, and a last column was off-screen with its buttons. */}
                    <th scope="col">{t('people.admin.actions')}</th>
                    <th scope="col">{t('people.admin.email')}</th>
                    <th scope="col">{t('people.admin.role')}</th>
                    <th scope="col">{t('people.admin.group')}</th>
                    <th scope="col">{t('people.admin.region')}</th>
                    <th scope="col">{t('people.admin.affiliation')}</th>
                    <th scope="col">{t('people.admin.language')}</th>
                    <th scope="col">{t('people.admin.status')}</th>
                  </tr>
                </thead>
                <tbody>
                  {people.map((person) => (
                    <tr key={person.id}>
                      <th scope="row">
                        <bdi>{person.name}</bdi>{' '}
                        {person.id === me.id && <span className="people__muted">{t('people.admin.you')}</span>}
                      </th>
                      <td>
                        <div className="people__row-actions">
                          <button
                            type="button"
                            className="button"
                            aria-label={t('people.admin.edit', { name: person.name })}
                            onClick={() => setEditing(person)}
                          >
                            {t('people.admin.editShort')}
                          </button>
                          {person.id !== me.id && (
                            <button
                              type="button"
                              className="button"
                              aria-label={t(
                                person.status === 'deactivated' ? 'people.admin.reactivateNamed' : 'people.admin.deactivateNamed',
                                { name: person.name },
                              )}
                              onClick={() => setConfirming(person)}
                            >
                              {t(person.status === 'deactivated' ? 'people.admin.reactivate' : 'people.admin.deactivate')}
                            </button>
                          )}
                          {person.status === 'invited' && (
                            <button
                              type="button"
                              className="button"
                              aria-label={t('people.admin.newLinkNamed', { name: person.name })}
                              onClick={() => void relink(person)}
                            >
                              {t('people.admin.newLink')}
                            </button>
                          )}
                        </div>
                      </td>
                      <td className="people__email">{person.email}</td>
                      <td>
                        {t(`roles.${person.role}`)}
                        {/* A registrant reads the public meetings only, until a role is given here (Edit, Save). */}
                        {person.publicOnly && <span className="people__muted people__scope">{t('people.admin.publicOnly')}</span>}
                      </td>
                      <td>{t(`groups.${person.group}`)}</td>
                      <td>{person.region}</td>
                      <td>{person.affiliation}</td>
                      {/* Each language in its own words, as the person form and the header's picker say it. */}
                      {person.language ? (
                        <td lang={person.language} dir={directionOf(person.language)}>
                          {LANGUAGE_NAMES[person.language]}
                        </td>
                      ) : (
                        <td className="people__muted">{t('people.admin.languageUnset')}</td>
                      )}
                      <td>{t(`people.admin.statuses.${person.status}`)}</td>
                    </tr>
                  ))}
                </tbody>
              </DataTable>
            )}
          </>
        )}
      </section>

      <CsvImport onImported={reload} />

      {editing && (
        <EditPersonDialog
          person={editing}
          own={editing.id === me.id}
          onClose={() => setEditing(null)}
          onSaved={(saved) => {
            setEditing(null);
            setStatus(t('people.edit.saved', { name: saved.name }));
            reload();
          }}
        />
      )}
      {confirming && (
        <ConfirmDialog
          open
          title={t(confirming.status === 'deactivated' ? 'people.confirm.reactivateTitle' : 'people.confirm.deactivateTitle', {
            name: confirming.name,
          })}
          message={t(confirmBody(confirming), { name: confirming.name })}
          confirmLabel={t(confirming.status === 'deactivated' ? 'people.admin.reactivate' : 'people.admin.deactivate')}
          danger={confirming.status !== 'deactivated'}
          onClose={() => setConfirming(null)}
          onConfirm={() => toggle(confirming)}
        />
      )}
    </section>
  );
}

/**
 * What deactivating or reactivating does to the person. Someone who never accepted their invitation
 * has no password to sign in again with: reactivated, they are invited again and need a link.
 */
function confirmBody(person: ManagedUser): string {
  if (person.status !== 'deactivated') return 'people.confirm.deactivateBody';
  return person.invitationPending ? 'people.confirm.reactivateInvitedBody' : 'people.confirm.reactivateBody';
}
