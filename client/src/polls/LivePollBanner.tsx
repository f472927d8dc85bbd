/** Shown on every view of a meeting while a poll is open (none yet). */
export function LivePollBanner() {
  return null;
}
