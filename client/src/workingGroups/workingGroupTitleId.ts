/** A working group card's heading: named by it, and focused once the group is created (tabIndex={-1}). */
export const workingGroupTitleId = (groupId: string) => `working-group-${groupId}`;
