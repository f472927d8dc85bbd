/** Rules of the floor that need no server: quorum from a setting, the meeting's day, the order of questions. */
import { describe, expect, it } from 'vitest';
import { requiredFor } from '../../server/src/floor/attendanceService.ts';
import { meetingDay } from '../../server/src/floor/meetingDay.ts';
import { byVotes } from '../../shared/schemas/floor.ts';

describe('quorum', () => {
  it('is a number of members, or a share of them rounded up, or nothing', () => {
    expect(requiredFor({ count: 12 }, 40)).toBe(12);
    expect(requiredFor({ share: 0.5 }, 40)).toBe(20);
    expect(requiredFor({ share: 0.5 }, 41)).toBe(21);
    expect(requiredFor({ share: 1 / 3 }, 30)).toBe(10);
    expect(requiredFor(null, 40)).toBe(0);
  });
});

describe('the meeting day', () => {
  it('is the calendar day where the meeting is, and UTC for an unknown zone', () => {
    const late = Date.parse('2025-06-23T22:30:00Z');
    expect(meetingDay('Europe/Oslo', late)).toBe('2025-06-24');
    expect(meetingDay('America/Sao_Paulo', late)).toBe('2025-06-23');
    expect(meetingDay('Not/AZone', late)).toBe('2025-06-23');
  });
});

describe('the order of questions', () => {
  it('puts most votes first, then the oldest, then by id', () => {
    const questions = [
      { id: 'b', votes: 3, createdAt: 2 },
      { id: 'a', votes: 3, createdAt: 2 },
      { id: 'c', votes: 5, createdAt: 9 },
      { id: 'd', votes: 3, createdAt: 1 },
    ];
    expect([...questions].sort(byVotes).map((question) => question.id)).toEqual(['c', 'd', 'a', 'b']);
  });
});
