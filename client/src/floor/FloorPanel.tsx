/**
 * The speakers' list of the current item: who speaks now with the countdown, one's own hand
 * (raise, point of order, lower), the list in order, and for the chair and secretariat the
 * controls that run it (next, end turn, give the floor to someone, reorder with the keyboard,
 * remove, add someone in the room, speaking time and balance rule).
 */
import { useTranslation } from 'react-i18next';
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import type { Hand } from '../../../shared/schemas/floor.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { useCommand } from '../ui/useCommand.ts';
import { BalanceTable } from './BalanceTable.tsx';
import { ChairControls } from './ChairControls.tsx';
import { Countdown } from './Countdown.tsx';
import { floorCommands, useFloor, useServerOffset } from './floorApi.ts';

export function FloorPanel() {
  const { t } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const floor = useFloor();
  const offset = useServerOffset();
  const commands = floorCommands(meeting.id);
  const { busy, message, run } = useCommand((why) => t('floor.failed', { message: why }));
  const chair = isModerator(user.role);
  const mine = floor.item.queue.find((hand) => hand.userId === user.id);
  const position = mine ? floor.item.queue.indexOf(mine) + 1 : 0;

  const move = (hand: Hand, by: number) => {
    const ids = floor.item.queue.map((entry) => entry.id);
    const from = ids.indexOf(hand.id);
    const to = from + by;
    if (to < 0 || to >= ids.length) return;
    ids.splice(from, 1);
    ids.splice(to, 0, hand.id);
    void run(() => commands.reorder(ids), t('floor.moved', { name: hand.name, position: to + 1 }));
  };

  return (
    <section className="panel floor-panel" aria-labelledby="floor-title">
      <h2 id="floor-title" className="panel__title">
        {t('floor.title')}
      </h2>
      <div className="floor-speaking" role="group" aria-labelledby="floor-speaking-title">
        <h3 id="floor-speaking-title">{t('floor.speakingNow')}</h3>
        {floor.speaking ? (
          <div className="floor-speaking__now">
            <p className="floor-speaking__name" data-testid="floor-speaker">
              {floor.speaking.name}{' '}
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

      {isParticipant(user.role) && (
        <div className="floor-own" role="group" aria-label={t('floor.yourHand')}>
          {mine ? (
            <>
              <p>{t('floor.yourPosition', { position })}</p>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void run(() => commands.lower(mine.id), t('floor.lowered'))}
              >
                {t('floor.lower')}
              </button>
            </>
          ) : (
            <>
              <button
                type="button"
                className="button button--primary"
                disabled={busy}
                onClick={() => void run(() => commands.raise(), t('floor.raised'))}
              >
                {t('floor.raise')}
              </button>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void run(() => commands.raise({ pointOfOrder: true }), t('floor.raisedPointOfOrder'))}
              >
                {t('floor.pointOfOrder')}
              </button>
            </>
          )}
        </div>
      )}
      <p role="status" className="floor-status">
        {message && !message.error ? message.text : ''}
      </p>
      <ErrorAlert message={message?.error ? message.text : null} />

      <h3 id="floor-queue-title">
        {t('floor.queue')} <span className="panel__count">({floor.item.queue.length})</span>
      </h3>
      {floor.item.queue.length === 0 ? (
        <p>{t('floor.queueEmpty')}</p>
      ) : (
        <ol className="floor-queue" aria-labelledby="floor-queue-title" data-testid="floor-queue">
          {floor.item.queue.map((hand, index) => (
            <li key={hand.id} className="floor-hand">
              <span className="floor-hand__name">
                {hand.name}
                {hand.pointOfOrder && <strong className="floor-badge">{t('floor.pointOfOrderBadge')}</strong>}
              </span>
              <span className="floor-hand__meta">
                {t(`groups.${hand.group}`)} · {hand.remote ? t('floor.online') : t('floor.inRoom')}
              </span>
              {(chair || hand.userId === user.id) && (
                <span className="floor-hand__actions">
                  {chair && (
                    <>
                      <button
                        type="button"
                        className="button"
                        disabled={busy}
                        onClick={() => void run(() => commands.next(hand.id), t('floor.given', { name: hand.name }))}
                      >
                        {t('floor.giveFloor')}
                        <span className="sr-only"> {hand.name}</span>
                      </button>
                      <button type="button" className="button" disabled={busy || index === 0} onClick={() => move(hand, -1)}>
                        {t('floor.moveUp')}
                        <span className="sr-only"> {hand.name}</span>
                      </button>
                      <button
                        type="button"
                        className="button"
                        disabled={busy || index === floor.item.queue.length - 1}
                        onClick={() => move(hand, 1)}
                      >
                        {t('floor.moveDown')}
                        <span className="sr-only"> {hand.name}</span>
                      </button>
                    </>
                  )}
                  {chair && hand.userId !== user.id && (
                    <button
                      type="button"
                      className="button button--quiet"
                      disabled={busy}
                      onClick={() => void run(() => commands.lower(hand.id), t('floor.removed', { name: hand.name }))}
                    >
                      {t('floor.remove')}
                      <span className="sr-only"> {hand.name}</span>
                    </button>
                  )}
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {chair && <ChairControls floor={floor} run={run} busy={busy} />}
      <BalanceTable item={floor.item.balance} day={floor.day?.balance} />
    </section>
  );
}
