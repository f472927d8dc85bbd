/** Schemas of the public pages (/public/...) and of registration for a public meeting. */
import { Type } from 'typebox';

const Id = Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}$' });

export const PublicMeetingParams = Type.Object({ meetingId: Id });
export const PublicPollParams = Type.Object({ meetingId: Id, pollId: Id });
/** A version's id, or its id followed by `.md` for the exported content. */
export const PublicVersionParams = Type.Object({ meetingId: Id, versionId: Type.String({ pattern: '^[A-Za-z0-9_-]{1,64}(\\.md)?$' }) });

/** An HTML page, a feed or a file: documented for OpenAPI, sent as is. */
export const PublicDocument = Type.Unsafe<string | Uint8Array>({ type: 'string', description: 'the page or file' });
