import type { ExportFile } from "../../shared/worker/contract";

/**
 * Offers a file for saving through the browser's download (in Electron, the
 * main process shows the save dialog). The object URL is revoked once the
 * download has started, so the Blob is released.
 */
const outstanding = new Set<string>();

export function saveFile(file: ExportFile): void {
  const url = URL.createObjectURL(file.blob);
  outstanding.add(url);
  const link = document.createElement("a");
  link.href = url;
  link.download = file.fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => revoke(url), 60_000);
}

function revoke(url: string): void {
  URL.revokeObjectURL(url);
  outstanding.delete(url);
}

/** At lock: no decrypted file stays reachable through a link made while unlocked. */
export function revokeAllDownloads(): void {
  for (const url of [...outstanding]) revoke(url);
}
