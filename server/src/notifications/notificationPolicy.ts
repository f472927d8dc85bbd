/**
 * Who may do what with notifications: everyone signed in reads and settles their own inbox and
 * settings (never someone else's); only the secretariat registers, lists and deletes webhooks,
 * since they send the board's events outside it.
 */
import type { User } from '../users/userStore.ts';

export const notificationPolicy = {
  manageWebhooks: (user: User): boolean => user.role === 'secretariat',
};
