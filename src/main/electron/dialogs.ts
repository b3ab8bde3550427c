import { BrowserWindow, dialog } from 'electron';
import type { FileDialogs } from '../api/context';

/** Native open/save dialogs for the API's file methods. */
export function electronDialogs(): FileDialogs {
  const parent = () => BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
  return {
    native: true,
    async chooseOpen({ title, filters }) {
      const r = await dialog.showOpenDialog(parent(), { title, filters, properties: ['openFile'] });
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseSave({ title, defaultName, filters }) {
      // The dialog itself asks before an existing file is chosen (Linux needs the flag; Windows and macOS always ask).
      const r = await dialog.showSaveDialog(parent(), { title, defaultPath: defaultName, filters, properties: ['showOverwriteConfirmation', 'createDirectory'] });
      return r.canceled ? null : (r.filePath ?? null);
    },
  };
}
