/** The calendar day (YYYY-MM-DD) of an instant where the meeting takes place: attendance and the day's balance count by it. */
export function meetingDay(timeZone: string, at = Date.now()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  } catch {
    // An unknown zone (older data): count by UTC rather than refuse.
    return new Date(at).toISOString().slice(0, 10);
  }
}
