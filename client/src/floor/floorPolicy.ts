/**
 * What the floor offers whom (the server's floorPolicy.ts decides): an archived meeting's floor,
 * questions and attendance are a record, so nobody raises a hand, runs the list, asks, votes,
 * moderates or checks in there any more.
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
