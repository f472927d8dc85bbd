/**
 * What the floor offers whom (the server's floorPolicy.ts decides): an archived meeting's floor,
 * questions and attendance are a record, so nobody raises a hand, runs the list, asks, votes,
 * moderates or checks in there any more. What the chair and the secretariat see (who is present,
 * every waiting question and who asked it, the moderation log) stays theirs there: it is a reading.
 */
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import { type PolicyMeeting, type PolicyUser, takesChanges } from '../meetings/meetingPolicy.ts';

/** Raise, lower one's own hand, ask for a point of order: participants; observers are given the floor. */
export const canRaiseHand = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isParticipant(user.role) && takesChanges(meeting);

/** Run the speakers' list: give the floor, end a turn, reorder, add someone, speaking time, balance rule. */
export const canRunFloor = (user: PolicyUser, meeting: PolicyMeeting): boolean => isModerator(user.role) && takesChanges(meeting);

/** Ask questions and upvote them: everyone signed in, observers too. */
export const canAskQuestions = (_user: PolicyUser, meeting: PolicyMeeting): boolean => takesChanges(meeting);

/** Approve, hide and mark questions answered. */
export const canModerateQuestions = (user: PolicyUser, meeting: PolicyMeeting): boolean =>
  isModerator(user.role) && takesChanges(meeting);

/** Check oneself in (in the room or online): everyone signed in. */
export const canCheckIn = (_user: PolicyUser, meeting: PolicyMeeting): boolean => takesChanges(meeting);

/** See who is present today: the chair and the secretariat (the server's seeAttendance), on an archived meeting too. */
export const canSeeAttendance = (user: PolicyUser): boolean => isModerator(user.role);

/**
 * See every question, waiting and hidden ones too, who asked an anonymous one and the moderation
 * log: the chair and the secretariat (the server lists them by moderateQuestions), on an archived meeting too.
 */
export const canReviewQuestions = (user: PolicyUser): boolean => isModerator(user.role);
