/**
 * Who may do what on the floor, with attendance and with questions. The client hides what
 * these refuse; the server decides.
 *
 * - Everyone signed in sees the floor, asks questions and upvotes them (the audience includes observers).
 * - Participants (secretariat, chair, members) raise their own hand; observers are given the floor by the chair.
 * - A person lowers their own hand; the chair and secretariat lower anyone's.
 * - The chair and secretariat run the floor: add someone in the room, give the floor, end a turn,
 *   reorder, set the speaking time and the balance rule, the quorum, approval of questions; they
 *   approve, hide and mark questions answered and see who asked an anonymous question.
 * - Who may be added to a meeting's list (the chair's "add a person in the room"): people who may take
 *   part in it, confirmed (their invitation or registration accepted), enabled and able to read the
 *   meeting (canReadMeeting: a public registrant only in a public meeting).
 * - Everyone checks themselves in; the secretariat checks others in; the chair and secretariat see who is present.
 */

import type { MeetingVisibility } from '../../../shared/constants/meetings.ts';
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import { canReadMeeting } from '../meetings/meetingPolicy.ts';
import type { User } from '../users/userStore.ts';

export const floorPolicy = {
  raiseOwnHand: (user: User): boolean => isParticipant(user.role),
  addSomeone: (user: User): boolean => isModerator(user.role),
  lowerHand: (user: User, hand: { userId: string }): boolean => hand.userId === user.id || isModerator(user.role),
  runFloor: (user: User): boolean => isModerator(user.role),
  checkInOthers: (user: User): boolean => user.role === 'secretariat',
  seeAttendance: (user: User): boolean => isModerator(user.role),
  setQuorum: (user: User): boolean => isModerator(user.role),
  ask: (_user: User): boolean => true,
  moderateQuestions: (user: User): boolean => isModerator(user.role),
  takePart: (person: User, meeting: { visibility: MeetingVisibility }): boolean =>
    !person.disabled && !person.invitationPending && canReadMeeting(person, meeting),
};
