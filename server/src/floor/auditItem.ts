/**
 * The agenda item an audit entry of the floor or of questions is about: none when no item was
 * current, rather than an empty id, which the log's reader would have to tell from a real one.
 */
export const auditItem = (itemId: string): { itemId?: string } => (itemId ? { itemId } : {});
