/**
 * The @hocuspocus/server (and @hocuspocus/extension-redis) version whose private parts the
 * modules of this folder were written against and measured with. test/unit/hocuspocusInternals
 * fails when the installed version is another: read docs/upgrading-hocuspocus.md, check each
 * module against the new source, then change this line.
 */
export const HOCUSPOCUS_VERSION_CHECKED = '4.7.0';
