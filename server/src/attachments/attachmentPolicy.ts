/**
 * Who may do what with attachments: the secretariat, the chair and members add files and new
 * versions; observers read and download. The secretariat, the chair and whoever added the
 * attachment remove it.
 */
import { isModerator, isParticipant } from '../../../shared/roles.ts';
import type { User } from '../users/userStore.ts';

export const canUpload = (user: User): boolean => isParticipant(user.role);

export const canRemove = (user: User, attachment: { createdBy: string }): boolean =>
  isModerator(user.role) || attachment.createdBy === user.id;
