/**
 * The speakers' list of the current item: who speaks now with the countdown, one's own hand
 * (raise, point of order, lower), the list in order, and for the chair and secretariat the
 * controls that run it (next, end turn, give the floor to someone, reorder with the keyboard,
 * remove, add someone in the room, speaking time and balance rule).
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hand } from '../../../shared/schemas/floor.ts';
import type { AgendaItemView } from '../agenda/agendaItemsModel.ts';
import { numberedTitle } from '../agenda/itemTitle.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useFocusStaysIn } from '../ui/focus.ts';
import { useCommand } from '../ui/useCommand.ts';
import { BalanceTable } from './BalanceTable.tsx';
import { ChairControls } from './ChairControls.tsx';
import { Countdown } from './Countdown.tsx';
import { floorCommands, useFloor, useServerOffset } from './floorApi.ts';
import { canRaiseHand, canRunFloor } from './floorPolicy.ts';
import { QueueRow } from './QueueRow.tsx';

/** Where one stands on the floor of the current item. */
type OwnState = 'speaking' | 'waiting' | 'none';

/** Why one's waiting hand went: a message, or the item the chair moved on to (named when shown). */
type Notice = { key: string } | { movedOnTo: string };

/**
 * `items`: the agenda as its document holds it now (useLiveAgendaItems), so that the current item
 * and the one the chair moved on to read with their number and title of the moment.
 */
export function FloorPanel({ items }: { items: AgendaItemView[] }) {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const floor = useFloor();
  const offset = useServerOffset();
  const commands = floorCommands(meeting.id);
  const item = floor.currentItemId ? items.find((entry) => entry.id === floor.currentItemId) : undefined;
  const { busy, message, run, say, clear } = useCommand((why) => t('floor.failed', { message: why }));
  const chair = canRunFloor(user, meeting);
  const mine = floor.item.queue.find((hand) => hand.userId === user.id);
  const position = mine ? floor.item.queue.indexOf(mine) + 1 : 0;
  const own: OwnState = floor.speaking?.userId === user.id ? 'speaking' : mine ? 'waiting' : 'none';
  // The status line says what one's own last command did ("Your hand is raised."). When the live
  // state moves elsewhere (the chair gives one the floor, or removes the hand), that no longer
  // holds: it is cleared. The state the command itself brings about keeps it, whether the live
  // update arrives before or after the command's answer.
  const expected = useRef<OwnState | null>(null);
  // A waiting hand that goes without a command from this screen: the server says why it left the
  // item's list (`left`: removed by the chair, lowered by the person on another screen, given the
  // floor), or the chair moved on to another item and the hand stays with the one before.
  // Said on one's screen, or the hand would just vanish and "Raise hand" come back unexplained.
  const [notice, setNotice] = useState<Notice | null>(null);
  const left = floor.item.left[user.id];
  const seen = useRef({ own, itemId: floor.currentItemId, handId: mine?.id });
  useEffect(() => {
    const was = seen.current;
    seen.current = { own, itemId: floor.currentItemId, handId: mine?.id };
    if (own !== 'none') return setNotice(null);
    if (was.own !== 'waiting' || expected.current === 'none') return;
    const itemId = floor.currentItemId;
    if (was.itemId === itemId) {
      // Given the floor: the turn shows it. Otherwise whoever took the hand off, as the server recorded it.
      if (!left || left.handId !== was.handId || left.reason === 'given') return;
      return setNotice({ key: left.reason === 'removed' ? 'floor.removedByChair' : 'floor.lowered' });
    }
    // The item moved on to is named when the notice is shown, from the live agenda: renumbered
    // meanwhile (an item added before it), it says the number the agenda gives it now.
    setNotice(itemId ? { movedOnTo: itemId } : { key: 'floor.itemEnded' });
  }, [own, floor.currentItemId, mine?.id, left]);
  const movedOnTo = notice && 'movedOnTo' in notice ? items.find((entry) => entry.id === notice.movedOnTo) : undefined;
  const noticeText = !notice
    ? ''
    : 'key' in notice
      ? t(notice.key)
      : movedOnTo
        ? t('floor.movedOn', { number: movedOnTo.fullNumber })
        : t('floor.movedOnOther');
  useEffect(() => {
    if (own !== expected.current) clear();
    expected.current = null;
  }, [own, clear]);
  // Raise hand becomes Lower hand (and back): the focus goes with it, not to the page.
  const ownGroup = useRef<HTMLDivElement>(null);
  useFocusStaysIn(ownGroup, own === 'speaking' ? 'speaking' : mine ? 'waiting' : 'none');
  const ownCommand = (command: () => Promise<unknown>, after: OwnState, done: string) => {
    expected.current = after;
    setNotice(null);
    return run(async () => {
      try {
        await command();
      } catch (error) {
        expected.current = null;
        throw error;
      }
    }, done);
  };

  const move = (hand: Hand, by: number) => {
    const ids = floor.item.queue.map((entry) => entry.id);
    const from = ids.indexOf(hand.id);
    const to = from + by;
    // "Move up" at the top (or "Move down" at the bottom) stays focusable and refuses: it says why.
    if (to < 0 || to >= ids.length) {
      say(t(to < 0 ? 'floor.alreadyFirst' : 'floor.alreadyLast', { name: hand.name }));
      return;
    }
    ids.splice(from, 1);
    ids.splice(to, 0, hand.id);
    void run(() => commands.reorder(ids), t('floor.moved', { name: hand.name, position: to + 1 }));
  };

  return (
    <section className="panel floor-panel" aria-labelledby="floor-title">
      <h2 id="floor-title" className="panel__title">
        {t('floor.title')}
      </h2>
      {/* The list belongs to the current item: say which, so nobody asks for the floor on the wrong one. */}
      <p className="floor-item" data-testid="floor-item">
        {floor.currentItemId ? t('floor.forItem', { item: item ? numberedTitle(item, t) : '…' }) : t('floor.noCurrentItem')}
      </p>
      <div className="floor-speaking" role="group" aria-labelledby="floor-speaking-title">
        <h3 id="floor-speaking-title">{t('floor.speakingNow')}</h3>
        {floor.speaking ? (
          <div className="floor-speaking__now">
            <p className="floor-speaking__name" data-testid="floor-speaker">
              <bdi>{floor.speaking.name}</bdi>{' '}
              <span className="floor-hand__meta">
                {t(`groups.${floor.speaking.group}`)} · {floor.speaking.remote ? t('floor.online') : t('floor.inRoom')}
              </span>
            </p>
            <Countdown speaking={floor.speaking} offset={offset} />
          </div>
        ) : (
          <p>{t('floor.nobodySpeaking')}</p>
        )}
      </div>

      {canRaiseHand(user, meeting) && (
        <div ref={ownGroup} className="floor-own" role="group" aria-label={t('floor.yourHand')} tabIndex={-1}>
          {own === 'speaking' ? (
            <p>{t('floor.youHaveFloor')}</p>
          ) : mine ? (
            <>
              <p>{t('floor.yourPosition', { position })}</p>
              {/* Keyed: React would otherwise reuse the focused button for the other state's second one (Lower hand became Point of order, focus kept). */}
              <BusyButton
                key="lower"
                type="button"
                className="button"
                busy={busy}
                onClick={() => void ownCommand(() => commands.lower(mine.id), 'none', t('floor.lowered'))}
              >
                {t('floor.lower')}
              </BusyButton>
            </>
          ) : (
            <>
              <BusyButton
                key="raise"
                type="button"
                className="button button--primary"
                busy={busy}
                onClick={() => void ownCommand(() => commands.raise(), 'waiting', t('floor.raised'))}
              >
                {t('floor.raise')}
              </BusyButton>
              <BusyButton
                key="point-of-order"
                type="button"
                className="button"
                busy={busy}
                onClick={() =>
                  void ownCommand(() => commands.raise({ pointOfOrder: true }), 'waiting', t('floor.raisedPointOfOrder'))
                }
              >
                {t('floor.pointOfOrder')}
              </BusyButton>
            </>
          )}
        </div>
      )}
      <p role="status" className="floor-status">
        {message ? (message.error ? '' : message.text) : noticeText}
      </p>
      <ErrorAlert message={message?.error ? message.text : null} />

      {/* Takes the focus when the last hand's row goes with the button pressed in it. */}
      <h3 id="floor-queue-title" tabIndex={-1}>
        {t('floor.queue')} <span className="panel__count">({floor.item.queue.length})</span>
      </h3>
      {floor.item.queue.length === 0 ? (
        <p>{t('floor.queueEmpty')}</p>
      ) : (
        <ol className="floor-queue" aria-labelledby="floor-queue-title" data-testid="floor-queue">
          {floor.item.queue.map((hand, index) => (
            <QueueRow
              key={hand.id}
              hand={hand}
              index={index}
              count={floor.item.queue.length}
              chair={chair}
              own={hand.userId === user.id}
              busy={busy}
              giveFloor={() => void run(() => commands.next(hand.id), t('floor.given', { name: hand.name }))}
              move={(by) => move(hand, by)}
              remove={() => void run(() => commands.lower(hand.id), t('floor.removed', { name: hand.name }))}
            />
          ))}
        </ol>
      )}
      {chair && <ChairControls floor={floor} run={run} busy={busy} />}
      <BalanceTable item={floor.item.balance} day={floor.day?.balance} />
    </section>
  );
}
