import { Type, type Static } from 'typebox';

export const MeetingSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  startsOn: Type.String({ description: 'ISO date' }),
  startTime: Type.String(),
  timezone: Type.String(),
  form: Type.String(),
  description: Type.String(),
  agendaDoc: Type.String(),
  liveDoc: Type.String(),
});
export type MeetingDto = Static<typeof MeetingSchema>;
