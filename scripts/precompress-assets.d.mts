/** Writes .br and .gz copies next to every compressible file under dir; returns how many files got copies. */
export function precompressAssets(dir: string): number;
