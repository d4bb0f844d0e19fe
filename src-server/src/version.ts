import serverPackage from '../package.json';

/** The reset server's version, as /healthz reports it. */
export const SERVER_VERSION: string = serverPackage.version;
