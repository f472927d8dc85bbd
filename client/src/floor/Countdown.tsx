/**
 * The speaking time left, counted from the server-stamped start of the turn on a clock
 * corrected to the server's. At 30 seconds left (half-way through a turn shorter than a minute)
 * and at zero it shows a warning and announces it once (ARIA live), so a speaker who cannot see
 * the screen hears it too. The announcement says the seconds actually left when it is made: a
 * page opened late in a turn says "12 seconds left", not the threshold.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { warningSeconds } from '../../../shared/constants/floor.ts';
import type { Speaking } from '../../../shared/schemas/floor.ts';
import { formatSeconds, useTick } from './floorApi.ts';

type Phase = 'running' | 'warning' | 'over';

export function Countdown({
  speaking,
  offset,
  size = 'normal',
}: {
  speaking: Speaking;
  offset: number;
  size?: 'normal' | 'large';
}) {
  const { t } = useTranslation();
  const now = useTick(250);
  const remaining = Math.ceil((speaking.since + speaking.limitSeconds * 1000 - (now + offset)) / 1000);
  const phase: Phase = remaining <= 0 ? 'over' : remaining <= warningSeconds(speaking.limitSeconds) ? 'warning' : 'running';
  // Read when the phase changes, not a reason to announce again at each second.
  const left = useRef(remaining);
  left.current = remaining;
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    if (phase === 'warning') setAnnounced(t('floor.countdown.warning', { count: left.current, name: speaking.name }));
    else if (phase === 'over') setAnnounced(t('floor.countdown.over', { name: speaking.name }));
    else setAnnounced('');
  }, [phase, speaking.handId, speaking.name, t]);
  return (
    <div className={`floor-countdown floor-countdown--${phase} floor-countdown--${size}`}>
      <span className="floor-countdown__time" data-testid="floor-countdown" data-phase={phase}>
        <span className="sr-only">{t('floor.countdown.label')} </span>
        {remaining < 0 ? `−${formatSeconds(-remaining)}` : formatSeconds(remaining)}
      </span>
      {phase !== 'running' && (
        <span className="floor-countdown__warning" aria-hidden="true">
          {phase === 'over' ? t('floor.countdown.overShort') : t('floor.countdown.warningShort')}
        </span>
      )}
      <p className="sr-only" role="status" aria-live="assertive" aria-atomic="true">
        {announced}
      </p>
    </div>
  );
}
