/**
 * The speaking time left, counted from the server-stamped start of the turn on a clock
 * corrected to the server's. At 30 seconds and at zero it shows a warning and announces it once
 * (ARIA live), so a speaker who cannot see the screen hears it too.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FLOOR_WARNING_SECONDS } from '../../../shared/constants/floor.ts';
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
  const phase: Phase = remaining <= 0 ? 'over' : remaining <= FLOOR_WARNING_SECONDS ? 'warning' : 'running';
  const [announced, setAnnounced] = useState('');
  useEffect(() => {
    if (phase === 'warning') setAnnounced(t('floor.countdown.warning', { name: speaking.name }));
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
