import type { ExportFile } from "../../shared/worker/contract";

/**
 * Offers a file for saving through the browser's download (in Electron, the
 * main process shows the save dialog). The object URL is revoked once the
 * download has started, so the Blob is released.
 */
export function saveFile(file: ExportFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = file.fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
