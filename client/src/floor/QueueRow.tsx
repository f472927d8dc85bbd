/**
 * One hand in the speakers' list: who, their group and where they are, and for the chair "Give
 * the floor", "Move up", "Move down" and "Remove".
 */
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hand } from '../../../shared/schemas/floor.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { useFocusWhenGone } from '../ui/focus.ts';

export interface QueueRowProps {
  hand: Hand;
  index: number;
  count: number;
  /** The chair's controls are shown. */
  chair: boolean;
  /** The signed-in person's own hand (the chair does not remove their own). */
  own: boolean;
  busy: boolean;
  giveFloor: () => void;
  /** Moves the hand one place; refused (and said) at the top or the bottom. */
  move: (by: -1 | 1) => void;
  remove: () => void;
}

export function QueueRow({ hand, index, count, chair, own, busy, giveFloor, move, remove }: QueueRowProps) {
  const { t } = useTranslation();
  const row = useRef<HTMLLIElement>(null);
  // Given the floor or removed, the hand leaves the list with the button pressed: the focus goes
  // to the same button of the hand now in its place (or the one before, when it was the last),
  // else to the list's heading, not to the page.
  useFocusWhenGone(row, 'floor-queue-title', (gone) => {
    const action = gone.querySelector<HTMLElement>(':focus')?.dataset.action;
    const neighbour = gone.nextElementSibling ?? gone.previousElementSibling;
    return neighbour?.querySelector<HTMLElement>(`[data-action="${action}"]`) ?? neighbour?.querySelector<HTMLElement>('button');
  });
  // At the top, "Move up" cannot do anything (nor "Move down" at the bottom). It says so with
  // aria-disabled and refuses the press rather than being `disabled`: a disabled button loses the
  // focus in Chromium, which dropped a chair moving someone up by keyboard to the top of the page
  // the moment they reached the top. Moving the focus to the other button instead would let a
  // second Enter undo the move; kept where it is, a second Enter only says the hand is already first.
  const first = index === 0;
  const last = index === count - 1;
  return (
    <li ref={row} className="floor-hand">
      {/* Real spaces and a comma between name, badge and group: a screen reader read them run together. */}
      <span className="floor-hand__name">
        <bdi>{hand.name}</bdi>
        {hand.pointOfOrder && (
          <>
            {' '}
            <strong className="floor-badge">{t('floor.pointOfOrderBadge')}</strong>
          </>
        )}
        <span className="sr-only">,</span>
      </span>{' '}
      <span className="floor-hand__meta">
        {t(`groups.${hand.group}`)} · {hand.remote ? t('floor.online') : t('floor.inRoom')}
      </span>
      {(chair || own) && (
        <span className="floor-hand__actions">
          {chair && (
            <>
              <BusyButton
                type="button"
                className="button"
                data-action="give"
                busy={busy}
                aria-label={t('floor.giveFloorTo', { name: hand.name })}
                onClick={giveFloor}
              >
                {t('floor.giveFloor')}
              </BusyButton>
              <BusyButton
                type="button"
                className="button floor-hand__move"
                data-action="up"
                busy={busy}
                aria-label={t('floor.moveUpNamed', { name: hand.name })}
                aria-disabled={first || undefined}
                onClick={() => move(-1)}
              >
                {t('floor.moveUp')}
              </BusyButton>
              <BusyButton
                type="button"
                className="button floor-hand__move"
                data-action="down"
                busy={busy}
                aria-label={t('floor.moveDownNamed', { name: hand.name })}
                aria-disabled={last || undefined}
                onClick={() => move(1)}
              >
                {t('floor.moveDown')}
              </BusyButton>
            </>
          )}
          {chair && !own && (
            <BusyButton
              type="button"
              className="button button--quiet"
              data-action="remove"
              busy={busy}
              aria-label={t('floor.removeNamed', { name: hand.name })}
              onClick={remove}
            >
              {t('floor.remove')}
            </BusyButton>
          )}
        </span>
      )}
    </li>
  );
}
