/** One working group: co-facilitators and liaisons, members (join, leave), nominations, elections, and the secretariat's controls. */
import { type FormEvent, type ReactNode, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ResultVisibility } from '../../../shared/constants/polls.ts';
import {
  electionDecides,
  WORKING_GROUP_LIMITS,
  WORKING_GROUP_ROLES,
  type WorkingGroupRole,
} from '../../../shared/constants/workingGroups.ts';
import { formatList } from '../../../shared/i18n/format.ts';
import type { PollDto } from '../../../shared/schemas/polls.ts';
import type { ElectionBody, WorkingGroupDto } from '../../../shared/schemas/workingGroups.ts';
import { del, post, put } from '../app/api.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { pollLink, usePolls } from '../polls/usePolls.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { CheckboxField, Field, SelectField } from '../ui/Field.tsx';
import { focusWhenThere, useFocusStaysIn, useFocusWhenGone } from '../ui/focus.ts';
import { listNodes, placeholders, sentenceNodes } from '../ui/listNodes.tsx';
import { nameLimit, nameMaxLength } from '../ui/nameLimit.ts';
import { useCommand } from '../ui/useCommand.ts';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { useInlineForm } from '../ui/useInlineForm.ts';
import { useOpenElectionRoles } from './openElectionRoles.ts';
import { WorkingGroupAdmin } from './WorkingGroupAdmin.tsx';
import {
  canAdministerGroup,
  canModerateGroup,
  canTakePart,
  canWithdrawNomination,
  offersMembership,
  takesNominations,
} from './workingGroupPolicy.ts';
import { workingGroupTitleId } from './workingGroupTitleId.ts';

const ELECTION_KINDS = ['ranked', 'single'] as const;
const NOMINATE_FIELDS = ['userId'] as const;
const ELECTION_FIELDS = ['kind', 'role', 'title', 'audience', 'seats', 'results'] as const;
/** The most seats an election fills (the server's limit too). */
const MAX_SEATS = 5;

export function WorkingGroupCard({ group, parentName }: { group: WorkingGroupDto; parentName?: string }) {
  const { t, i18n } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const { busy, message, run } = useCommand((reason) => t('workingGroups.failed', { message: reason }));
  const titleId = workingGroupTitleId(group.id);
  const base = `/api/working-groups/${encodeURIComponent(group.id)}`;
  const member = group.members.some((entry) => entry.id === user.id);
  // An archived meeting is kept as it was: its groups show who was in them and who was elected, with no control.
  const moderator = canModerateGroup(user, meeting, group);
  const liaisons = liaisonsByPerson(group.roles);
  const titleTexts = (person: (typeof liaisons)[number]) =>
    person.titles.map((title) => title || t('workingGroups.roles.liaison'));

  const polls = usePolls();
  // A candidate of an open election stays in the group until it closes (the server refuses with
  // ELECTION_OPEN): leaving would keep them on the ballot of a group they are no longer in.
  const candidateNow = polls.some(
    (poll) =>
      group.elections.includes(poll.id) && poll.status === 'open' && poll.options.some((option) => option.userId === user.id),
  );
  // The election opening takes "Leave" away from a candidate: the focus it had goes to the group's heading.
  const membership = useRef<HTMLDivElement>(null);
  useFocusStaysIn(membership, String(candidateNow), () => document.getElementById(titleId));

  // "Name (elected)": the same words as text (for the list's conjunction) and as nodes (the name in its <bdi>).
  const coFacilitatorText = (person: WorkingGroupDto['coFacilitators'][number]) =>
    person.pollId
      ? t('workingGroups.electedCoFacilitator', { name: person.name, elected: t('workingGroups.elected') })
      : person.name;
  const coFacilitatorNode = (person: WorkingGroupDto['coFacilitators'][number]) =>
    person.pollId ? (
      sentenceNodes(t('workingGroups.electedCoFacilitator', { ...placeholders('name'), elected: t('workingGroups.elected') }), {
        name: <bdi>{person.name}</bdi>,
      })
    ) : (
      <bdi>{person.name}</bdi>
    );

  return (
    <article className="card working-group" aria-labelledby={titleId}>
      <h3 id={titleId} className="working-group__name" dir="auto" tabIndex={-1}>
        {group.name}
      </h3>
      {(parentName || group.archived) && (
        <p className="working-group__muted">
          {parentName && sentenceNodes(t('workingGroups.subGroupOf', placeholders('group')), { group: <bdi>{parentName}</bdi> })}
          {parentName && group.archived ? ' ' : ''}
          {group.archived ? t('workingGroups.archivedNote') : ''}
        </p>
      )}
      <p className="working-group__description" dir="auto">
        {group.description}
      </p>
      <p className="working-group__facilitators">
        {group.coFacilitators.length > 0
          ? sentenceNodes(t('workingGroups.coFacilitators', placeholders('names')), {
              // Joined as the page's language joins a list ("、" and "和" in Chinese, "و" in Arabic;
              // "e" before an i sound in Spanish, hence the texts), not with a hard-coded ", ".
              names: listNodes(
                i18n.language,
                group.coFacilitators.map(coFacilitatorNode),
                'conjunction',
                group.coFacilitators.map(coFacilitatorText),
              ),
            })
          : t('workingGroups.noCoFacilitator')}
      </p>
      {liaisons.length > 0 && (
        <p className="working-group__facilitators">
          {sentenceNodes(t('workingGroups.liaisons', placeholders('names')), {
            // Each person once, with their titles: a person may be liaison to several bodies.
            // The texts too: the conjunction may depend on the next word (Spanish "e Inés").
            names: listNodes(
              i18n.language,
              liaisons.map((person) =>
                sentenceNodes(t('workingGroups.liaison', placeholders('name', 'titles')), {
                  name: <bdi>{person.name}</bdi>,
                  titles: listNodes(
                    i18n.language,
                    titleTexts(person).map((title) => <bdi key={title}>{title}</bdi>),
                    'conjunction',
                    titleTexts(person),
                  ),
                }),
              ),
              'conjunction',
              liaisons.map((person) =>
                t('workingGroups.liaison', { name: person.name, titles: formatList(i18n.language, titleTexts(person)) }),
              ),
            ),
          })}
        </p>
      )}

      <div ref={membership} className="working-group__membership">
        <p>
          {t('workingGroups.memberCount', { count: group.members.length })}
          {member ? ` ${t('workingGroups.youAreMember')}` : ''}
        </p>
        {!offersMembership(meeting, group, member) ? null : member && candidateNow ? (
          <p className="working-group__note">{t('workingGroups.candidateStays')}</p>
        ) : canTakePart(user, meeting) ? (
          <BusyButton
            type="button"
            className={member ? 'button' : 'button button--primary'}
            busy={busy}
            onClick={() =>
              member
                ? run(() => del(`${base}/members/me`), t('workingGroups.left', { group: group.name }))
                : run(() => put(`${base}/members/me`), t('workingGroups.joined', { group: group.name }))
            }
          >
            {member ? t('workingGroups.leaveShort') : t('workingGroups.joinShort')}
            <span className="sr-only"> {group.name}</span>
          </BusyButton>
        ) : (
          <p className="working-group__note">{t('workingGroups.observerNote')}</p>
        )}
      </div>
      <p className={message?.error ? 'alert alert--error' : 'working-group__message'} role="status">
        {message?.text ?? ''}
      </p>

      <details className="working-group__members">
        <summary>
          {t('workingGroups.members')} ({group.members.length})
        </summary>
        {group.members.length === 0 ? (
          <p>{t('workingGroups.noMembers')}</p>
        ) : (
          <ul>
            {group.members.map((person) => (
              <li key={person.id}>
                <bdi>{person.name}</bdi> <span className="working-group__muted">({t(`groups.${person.group}`)})</span>
              </li>
            ))}
          </ul>
        )}
      </details>

      {!group.archived && <Nominations group={group} member={member} busy={busy} run={run} />}
      <Elections group={group} />
      {moderator && <ElectionForm group={group} />}
      {canAdministerGroup(user, meeting, group) && <WorkingGroupAdmin group={group} />}
    </article>
  );
}

/** useCommand's run: `shown` says a failure went beside a field. */
type Run = (action: () => Promise<unknown>, done: string, shown?: (error: unknown) => boolean) => Promise<void>;

/** A nomination's row in its group's card: the focus goes to it once the nomination is made. */
const nominationRowId = (groupId: string, nomineeId: string) => `nomination-${groupId}-${nomineeId}`;

function Nominations({ group, member, busy, run }: { group: WorkingGroupDto; member: boolean; busy: boolean; run: Run }) {
  const { t } = useTranslation();
  const id = useId();
  const headingId = `${id}-title`;
  const { meeting, user } = useMeetingContext();
  const [chosen, setChosen] = useState('');
  const errors = useFieldErrors(NOMINATE_FIELDS);
  const controls = useRef<HTMLDivElement>(null);
  const base = `/api/working-groups/${encodeURIComponent(group.id)}`;
  const facilitatorIds = new Set(group.coFacilitators.map((person) => person.id));
  const polls = usePolls();
  const heading = () => document.getElementById(headingId);
  // An open election's ballot was fixed when it opened: until it closes, nobody is nominated,
  // withdrawn or appointed (the server refuses with ELECTION_OPEN), and the card says why.
  const electionOpen = polls.some((poll) => group.elections.includes(poll.id) && poll.status === 'open');
  // Appointing a co-facilitator waits only for an election of co-facilitators (a liaison's does not decide it).
  const electingCoFacilitator = electionDecides(useOpenElectionRoles(group), { role: 'co-facilitator', title: '' });
  // The election opening takes away the button that had the focus: it goes to the heading.
  useFocusStaysIn(controls, String(electionOpen), heading);
  // A closed election that made a co-facilitator has settled the nominations it stood on: those
  // made before it closed, of its candidates, are shown closed (elected or not) with no control;
  // a nomination made after it, or one an election that elected nobody left, stays open.
  const settled = (nomineeId: string, at: number) =>
    polls.find(
      (poll) =>
        group.elections.includes(poll.id) &&
        poll.status === 'closed' &&
        at <= (poll.closedAt ?? Number.POSITIVE_INFINITY) &&
        poll.options.some((option) => option.userId === nomineeId) &&
        group.coFacilitators.some((person) => person.pollId === poll.id),
    );
  // Those with an open nomination; one an election settled does not stop a new nomination (the server renews it).
  const nominatedIds = new Set(
    group.nominations.filter(({ nominee, at }) => !settled(nominee.id, at)).map((nomination) => nomination.nominee.id),
  );
  const electedBy = (nomineeId: string, pollId: string) =>
    group.coFacilitators.some((person) => person.id === nomineeId && person.pollId === pollId);
  const others = group.members.filter((person) => person.id !== user.id && !nominatedIds.has(person.id));
  const moderator = canModerateGroup(user, meeting, group);
  // Made, the nomination's row takes the focus once the live document brings it: the button
  // pressed goes (Nominate myself) or turns disabled (Nominate), and either dropped it on the page.
  const focusNomination = (nomineeId: string) => {
    const active = document.activeElement;
    if (active instanceof HTMLElement && controls.current?.contains(active)) active.blur();
    focusWhenThere(nominationRowId(group.id, nomineeId), heading);
  };
  /** Resolves true when the nomination was made. */
  const nominate = async (person: { id: string; name: string }, shown?: (error: unknown) => boolean) => {
    let refused = false;
    await run(
      () => post(`${base}/nominations`, { userId: person.id }),
      t('workingGroups.nominated', { name: person.name }),
      (error) => {
        refused = true;
        return shown?.(error) ?? false;
      },
    );
    if (!refused) focusNomination(person.id);
    return !refused;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const person = others.find((entry) => entry.id === chosen);
    if (!person) return;
    errors.clear();
    // A refusal of the chosen member (not in the group, already nominated) is said beside the choice.
    void nominate(person, (error) => errors.fail(error)).then((made) => {
      if (made) setChosen('');
    });
  };
  return (
    <section className="working-group__section" aria-labelledby={headingId}>
      <h4 id={headingId} tabIndex={-1}>
        {t('workingGroups.nominations')}
      </h4>
      {group.nominations.length === 0 ? (
        <p>{t('workingGroups.noNominations')}</p>
      ) : (
        <ul className="working-group__nominations">
          {group.nominations.map(({ nominee, nominatedBy, at }) => {
            const election = settled(nominee.id, at);
            return (
              <NominationRow
                key={nominee.id}
                rowId={nominationRowId(group.id, nominee.id)}
                headingId={headingId}
                frozen={electionOpen}
              >
                <span>
                  {/* The comma between the nominee and who nominated them is the language's ("،" in Arabic, "，" in Chinese). */}
                  {sentenceNodes(t('workingGroups.nominationLine', placeholders('nominee', 'how')), {
                    nominee: (
                      <>
                        <bdi>{nominee.name}</bdi> <span className="working-group__muted">({t(`groups.${nominee.group}`)})</span>
                      </>
                    ),
                    // Who nominated, in a <bdi> as the nominee is: an Arabic name in an English line
                    // (or the reverse) would otherwise carry the comma and the words around it to its side.
                    how:
                      nominatedBy.id === nominee.id
                        ? t('workingGroups.selfNominated')
                        : sentenceNodes(t('workingGroups.nominatedBy', placeholders('name')), {
                            name: <bdi>{nominatedBy.name}</bdi>,
                          }),
                  })}
                  {election && (
                    <>
                      {' '}
                      <strong>
                        {electedBy(nominee.id, election.id)
                          ? t('workingGroups.nominationElected')
                          : t('workingGroups.nominationNotElected')}
                      </strong>
                    </>
                  )}
                </span>
                {!election && !electionOpen && canWithdrawNomination(user, meeting, group, { nominee, nominatedBy }) && (
                  <BusyButton
                    type="button"
                    className="button button--quiet"
                    busy={busy}
                    onClick={() =>
                      run(
                        () => del(`${base}/nominations/${encodeURIComponent(nominee.id)}`),
                        t('workingGroups.withdrawn', { name: nominee.name }),
                      )
                    }
                  >
                    {t('workingGroups.withdraw', { name: nominee.name })}
                  </BusyButton>
                )}
                {moderator && !election && !electingCoFacilitator && !facilitatorIds.has(nominee.id) && (
                  <BusyButton
                    type="button"
                    className="button button--quiet"
                    busy={busy}
                    onClick={() =>
                      run(
                        () => put(`${base}/co-facilitators/${encodeURIComponent(nominee.id)}`),
                        t('workingGroups.appointed', { name: nominee.name }),
                      )
                    }
                  >
                    {t('workingGroups.appoint', { name: nominee.name })}
                  </BusyButton>
                )}
              </NominationRow>
            );
          })}
        </ul>
      )}
      <div ref={controls}>
        {!takesNominations(meeting, group) ? null : electionOpen ? (
          <p className="working-group__muted">{t('workingGroups.nominationsClosedDuringElection')}</p>
        ) : (
          canTakePart(user, meeting) &&
          (member ? (
            <div className="working-group__nominate">
              {!nominatedIds.has(user.id) && (
                <BusyButton type="button" className="button" busy={busy} onClick={() => nominate(user)}>
                  {t('workingGroups.nominateSelf')}
                </BusyButton>
              )}
              {others.length > 0 && (
                <form className="working-group__nominate-form" onSubmit={submit}>
                  <Field label={t('workingGroups.nominateOther')} {...errors.field('userId')}>
                    {(control) => (
                      <select {...control} value={chosen} onChange={(event) => setChosen(event.target.value)}>
                        <option value="">{t('workingGroups.chooseMember')}</option>
                        {others.map((person) => (
                          <option key={person.id} value={person.id}>
                            {person.name}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  <BusyButton type="submit" className="button" busy={busy} disabled={!chosen}>
                    {t('workingGroups.nominate')}
                  </BusyButton>
                </form>
              )}
            </div>
          ) : (
            <p className="working-group__muted">{t('workingGroups.joinToNominate')}</p>
          ))
        )}
      </div>
    </section>
  );
}

/**
 * A nomination in the list. Withdrawn (here or on another screen) while the focus was in it, the
 * focus goes to the entry now in its place, or the one before, else to the nominations' heading;
 * its withdraw button taken away by an election opening (`frozen`), the focus stays on the entry.
 */
function NominationRow({
  rowId,
  headingId,
  frozen,
  children,
}: {
  rowId: string;
  headingId: string;
  frozen: boolean;
  children: ReactNode;
}) {
  const row = useRef<HTMLLIElement>(null);
  useFocusWhenGone(row, headingId, (gone) => {
    const neighbour = gone.nextElementSibling ?? gone.previousElementSibling;
    return neighbour instanceof HTMLElement ? neighbour : null;
  });
  useFocusStaysIn(row, String(frozen));
  return (
    <li ref={row} id={rowId} tabIndex={-1}>
      {children}
    </li>
  );
}

function Elections({ group }: { group: WorkingGroupDto }) {
  const { t } = useTranslation();
  const id = useId();
  const { meeting } = useMeetingContext();
  const polls = usePolls();
  const elections = group.elections
    .map((pollId) => polls.find((poll) => poll.id === pollId))
    .filter((poll): poll is PollDto => poll !== undefined);
  if (elections.length === 0) return null;
  return (
    <section className="working-group__section" aria-labelledby={`${id}-elections`}>
      <h4 id={`${id}-elections`}>{t('workingGroups.elections')}</h4>
      <ul>
        {elections.map((poll) => (
          <li key={poll.id} id={electionRowId(poll.id)} tabIndex={-1}>
            {sentenceNodes(
              t('workingGroups.electionStatus', { ...placeholders('question'), status: t(`polls.status.${poll.status}`) }),
              { question: <bdi>{poll.question}</bdi> },
            )}{' '}
            <Link to={pollLink(meeting.id, poll.id)}>{t('workingGroups.seePoll')}</Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** An election's row in its group's card: it takes the focus once the election is created. */
const electionRowId = (pollId: string) => `election-${pollId}`;

function ElectionForm({ group }: { group: WorkingGroupDto }) {
  const { t } = useTranslation();
  const id = useId();
  const { meeting } = useMeetingContext();
  // Created, the focus goes to the new election's row (it comes through the live document); cancelled, back to the button.
  const form = useInlineForm();
  const [body, setBody] = useState<Required<Pick<ElectionBody, 'kind' | 'audience' | 'seats' | 'secret' | 'results'>>>({
    kind: 'ranked',
    audience: 'group',
    seats: 1,
    secret: true,
    results: 'after-close',
  });
  const { busy: sending, message, run } = useCommand((reason) => t('workingGroups.failed', { message: reason }));
  const [role, setRole] = useState<WorkingGroupRole>('co-facilitator');
  const [title, setTitle] = useState('');
  const [pollId, setPollId] = useState<string | null>(null);
  const errors = useFieldErrors(ELECTION_FIELDS);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const seatsInRange = Number.isInteger(body.seats) && body.seats >= 1 && body.seats <= MAX_SEATS;
    if (!errors.check({ seats: !seatsInRange && t('workingGroups.errors.seats', { max: MAX_SEATS }) })) return;
    const filled = role === 'liaison' ? { role, ...(title.trim() ? { title } : {}) } : {};
    // The ballot's question in the language of the person who creates it, as a question they typed would be.
    const roleName =
      role === 'liaison' ? title.trim() || t('workingGroups.roles.liaison') : t('workingGroups.roles.co-facilitator');
    const question = t('workingGroups.electionForm.question', { role: roleName, group: group.name });
    void run(
      async () => {
        const poll = await post<PollDto>(`/api/working-groups/${encodeURIComponent(group.id)}/elections`, {
          ...body,
          ...filled,
          question,
        });
        setPollId(poll.id);
        form.close(electionRowId(poll.id));
      },
      t('workingGroups.electionForm.created'),
      // Seats in range that the server refuses: there are not more nominees than seats.
      (error) => errors.fail(error, { seats: t('workingGroups.errors.seatsOverNominees') }),
    );
  };
  const field = (name: string) => `${id}-${name}`;
  return (
    <div className="working-group__election">
      <p className={message?.error ? 'alert alert--error' : 'working-group__message'} role="status">
        {message?.text ?? ''}
        {message && !message.error && pollId && (
          <>
            {' '}
            <Link to={pollLink(meeting.id, pollId)}>{t('workingGroups.seePoll')}</Link>
          </>
        )}
      </p>
      {!form.open ? (
        <button ref={form.opener} type="button" className="button" onClick={form.show}>
          {t('workingGroups.startElection')}
        </button>
      ) : (
        <form
          ref={form.form}
          className="form card"
          onSubmit={submit}
          onKeyDown={form.onKeyDown}
          aria-labelledby={field('title')}
          noValidate
        >
          <h4 id={field('title')}>{t('workingGroups.electionForm.title', { group: group.name })}</h4>
          <p className="working-group__muted">{t('workingGroups.electionForm.help')}</p>
          <SelectField
            label={t('workingGroups.electionForm.kind')}
            value={body.kind}
            onChange={(kind) => setBody({ ...body, kind })}
            options={ELECTION_KINDS}
            optionLabel={(kind) => t(`workingGroups.electionForm.${kind}`)}
            {...errors.field('kind')}
          />
          <SelectField
            label={t('workingGroups.electionForm.role')}
            value={role}
            onChange={setRole}
            options={WORKING_GROUP_ROLES}
            optionLabel={(value) => t(`workingGroups.roles.${value}`)}
            {...errors.field('role')}
          />
          {role === 'liaison' && (
            <Field
              label={t('workingGroups.admin.roleTitle')}
              hint={t('workingGroups.admin.roleTitleHint')}
              {...errors.field('title')}
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
          <Field label={t('workingGroups.electionForm.audience')} {...errors.field('audience')}>
            {(control) => (
              <select
                {...control}
                value={body.audience}
                onChange={(event) => setBody({ ...body, audience: event.target.value as ElectionBody['audience'] })}
              >
                <option value="group">{t('workingGroups.electionForm.audienceGroup')}</option>
                <option value="members">{t('workingGroups.electionForm.audienceMembers')}</option>
              </select>
            )}
          </Field>
          <Field label={t('workingGroups.electionForm.seats')} {...errors.field('seats')}>
            {(control) => (
              <input
                {...control}
                type="number"
                min={1}
                max={MAX_SEATS}
                value={body.seats}
                onChange={(event) => setBody({ ...body, seats: Number(event.target.value) })}
              />
            )}
          </Field>
          <Field label={t('workingGroups.electionForm.results')} {...errors.field('results')}>
            {(control) => (
              <select
                {...control}
                value={body.results}
                onChange={(event) => setBody({ ...body, results: event.target.value as ResultVisibility })}
              >
                <option value="after-close">{t('workingGroups.electionForm.resultsAfterClose')}</option>
                <option value="live">{t('workingGroups.electionForm.resultsLive')}</option>
              </select>
            )}
          </Field>
          <CheckboxField
            label={t('workingGroups.electionForm.secret')}
            checked={body.secret}
            onChange={(secret) => setBody({ ...body, secret })}
          />
          <div className="working-group__actions">
            <BusyButton type="submit" className="button button--primary" busy={sending}>
              {t('workingGroups.electionForm.create')}
            </BusyButton>
            <button type="button" className="button" onClick={() => form.close()}>
              {t('workingGroups.electionForm.cancel')}
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

/** The liaisons, each person once (in the order of their first title) with all the titles they hold in the group. */
function liaisonsByPerson(roles: WorkingGroupDto['roles']): { id: string; name: string; titles: string[] }[] {
  const people = new Map<string, { id: string; name: string; titles: string[] }>();
  for (const entry of roles) {
    if (entry.role !== 'liaison') continue;
    const person = people.get(entry.id) ?? { id: entry.id, name: entry.name, titles: [] };
    person.titles.push(entry.title ?? '');
    people.set(entry.id, person);
  }
  return [...people.values()];
}
