/** The chair's and secretariat's controls of the floor: next, end turn, add someone in the room, speaking time and balance rule. */
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BALANCE_RULES, type BalanceRule, FLOOR_LIMITS } from '../../../shared/constants/floor.ts';
import { isolate } from '../../../shared/i18n/format.ts';
import { get } from '../app/api.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { BusyButton } from '../ui/BusyButton.tsx';
import { Field } from '../ui/Field.tsx';
import { useFocusStaysIn } from '../ui/focus.ts';
import type { RunCommand } from '../ui/useCommand.ts';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { type FloorView, floorCommands, floorPath } from './floorApi.ts';

interface Person {
  id: string;
  name: string;
  role: string;
  group: string;
}

const ADD_FIELDS = ['userId'] as const;
const SETTINGS_FIELDS = ['limitSeconds'] as const;

export function ChairControls({
  floor,
  run,
  busy,
}: {
  floor: FloorView;
  /** useCommand's run: `saidElsewhere` says a failure went beside a field. */
  run: RunCommand;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const { meeting } = useMeetingContext();
  const commands = floorCommands(meeting.id);
  // "End turn" turns disabled once the turn ends, "Next speaker" once the list is empty: the focus
  // they held stays among the chair's controls, not on the page.
  const turns = useRef<HTMLDivElement>(null);
  const heading = useId();
  useFocusStaysIn(turns, `${Boolean(floor.speaking)} ${floor.item.queue.length === 0}`, () => document.getElementById(heading));
  const [people, setPeople] = useState<Person[]>([]);
  const [person, setPerson] = useState('');
  const [seconds, setSeconds] = useState(String(floor.item.limitSeconds));
  const [rule, setRule] = useState<BalanceRule>(floor.item.balanceRule);
  const ruleName = useId();
  const addErrors = useFieldErrors(ADD_FIELDS);
  const settingsErrors = useFieldErrors(SETTINGS_FIELDS);
  const secondsWords = t('floor.errors.seconds', { min: FLOOR_LIMITS.minSeconds, max: FLOOR_LIMITS.maxSeconds });
  useEffect(() => setSeconds(String(floor.item.limitSeconds)), [floor.item.limitSeconds]);
  useEffect(() => setRule(floor.item.balanceRule), [floor.item.balanceRule]);
  useEffect(() => {
    let active = true;
    get<Person[]>(`${floorPath(meeting.id)}/people`).then(
      (list) => active && setPeople(list),
      () => undefined,
    );
    return () => {
      active = false;
    };
  }, [meeting.id]);

  return (
    <div className="floor-chair" role="group" aria-label={t('floor.chair.title')}>
      <h3 id={heading} tabIndex={-1}>
        {t('floor.chair.title')}
      </h3>
      <div ref={turns} className="floor-chair__row">
        <BusyButton
          type="button"
          className="button button--primary"
          busy={busy}
          disabled={floor.item.queue.length === 0}
          // Says who now has the floor, from the server's answer: "The next speaker has the floor."
          // said nothing of who, and the same words again at each press were not spoken again.
          onClick={() =>
            void run(
              () => commands.next(),
              (state) => (state.speaking ? t('floor.given', { name: state.speaking.name }) : t('floor.chair.nextDone')),
            )
          }
        >
          {t('floor.chair.next')}
        </BusyButton>
        <BusyButton
          type="button"
          className="button"
          busy={busy}
          disabled={!floor.speaking}
          onClick={() => void run(() => commands.endTurn(), t('floor.chair.ended'))}
        >
          {t('floor.chair.endTurn')}
        </BusyButton>
      </div>
      <form
        className="floor-chair__row"
        onSubmit={(event) => {
          event.preventDefault();
          const chosen = people.find((entry) => entry.id === person);
          if (chosen)
            void run(
              () => commands.raise({ userId: chosen.id }),
              t('floor.chair.added', { name: chosen.name }),
              (error) => addErrors.fail(error),
            );
        }}
      >
        <Field label={t('floor.chair.addPerson')} {...addErrors.field('userId')}>
          {(control) => (
            <select {...control} value={person} onChange={(event) => setPerson(event.target.value)}>
              <option value="">{t('floor.chair.choosePerson')}</option>
              {people.map((entry) => (
                <option key={entry.id} value={entry.id}>
                  {isolate(entry.name)} ({t(`groups.${entry.group}`)})
                </option>
              ))}
            </select>
          )}
        </Field>
        <BusyButton type="submit" className="button" busy={busy} disabled={!person}>
          {t('floor.chair.add')}
        </BusyButton>
      </form>
      <form
        className="floor-chair__row"
        onSubmit={(event) => {
          event.preventDefault();
          const limit = seconds.trim() === '' ? Number.NaN : Number(seconds);
          const inRange = Number.isInteger(limit) && limit >= FLOOR_LIMITS.minSeconds && limit <= FLOOR_LIMITS.maxSeconds;
          if (!settingsErrors.check({ limitSeconds: !inRange && secondsWords })) return;
          void run(
            () => commands.settings(limit, rule),
            t('floor.chair.saved'),
            (error) => settingsErrors.fail(error, { limitSeconds: secondsWords }),
          );
        }}
        noValidate
      >
        <Field label={t('floor.chair.seconds')} hint={t('floor.chair.secondsHint')} {...settingsErrors.field('limitSeconds')}>
          {(control) => (
            <input
              {...control}
              type="number"
              inputMode="numeric"
              min={FLOOR_LIMITS.minSeconds}
              max={FLOOR_LIMITS.maxSeconds}
              required
              value={seconds}
              onChange={(event) => setSeconds(event.target.value)}
            />
          )}
        </Field>
        {/* Choices, not a select: a rule's words wrap on a phone, where a select cut them off. */}
        <fieldset className="floor-rule">
          <legend>{t('floor.chair.rule')}</legend>
          {BALANCE_RULES.map((option) => (
            <label key={option} className="form__check">
              <input type="radio" name={ruleName} value={option} checked={rule === option} onChange={() => setRule(option)} />
              {t(`floor.rule.${option}`)}
            </label>
          ))}
        </fieldset>
        <BusyButton type="submit" className="button" busy={busy}>
          {t('floor.chair.save')}
        </BusyButton>
      </form>
    </div>
  );
}
