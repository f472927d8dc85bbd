/**
 * Attachments on a meeting, an agenda item or a proposal: files stored by content, versions,
 * safe downloads, projected live into `live:{meetingId}` (map `attachments`) and indexed for
 * search (text extracted in a worker thread).
 */
import { LIVE_ATTACHMENTS_MAP } from '../../../shared/schemas/attachments.ts';
import type { Feature } from '../feature.ts';
import { attachmentRoutes } from './attachmentRoutes.ts';
import { AttachmentService } from './attachmentService.ts';
import { createFileStore } from './fileStore.ts';
import { ATTACHMENT_MIGRATIONS } from './migrations.ts';
import { TextExtractor } from './textExtractor.ts';

export const attachmentsFeature: Feature = {
  name: 'attachments',
  migrations: ATTACHMENT_MIGRATIONS,
  liveMaps: [LIVE_ATTACHMENTS_MAP],
  async register({ http, store, live, config, log }) {
    const extractor = new TextExtractor();
    const service = new AttachmentService({
      store,
      live,
      extractor,
      files: createFileStore(store, config.dataDir),
      maxBytes: config.maxAttachmentBytes,
      onError: (error) => log.warn({ err: error }, 'extracting the text of an attachment failed'),
    });
    live.source(LIVE_ATTACHMENTS_MAP, (meetingId) => service.liveEntries(meetingId));
    await http.register(attachmentRoutes, { service });
    http.addHook('onClose', async () => {
      await service.settled().catch(() => {});
      await extractor.stop();
    });
  },
};
