import { TPromise } from 'vs/base/common/winjs.base';
import URI from 'vs/base/common/uri';
import { IRawTextSource } from 'vs/editor/common/model/textSource';
import { BaseTextEditorModel } from 'vs/workbench/common/editor/textEditorModel';

export class TextFileEditorModel extends BaseTextEditorModel {
  private createTextEditorModelPromise: TPromise<TextFileEditorModel> | null = null;
  private toDispose: { dispose(): void }[] = [];
  private versionOnDiskStat: { etag: string; size: number } | null = null;

  private doCreateTextModel(resource: URI, value: IRawTextSource, backup: boolean): TPromise<TextFileEditorModel> {
    // Only the two numbers outlive the load; the text itself does not reach any closure.
    const stat = { etag: value.hash, size: value.length };
    this.createTextEditorModelPromise = this.createTextEditorModel(value, resource).then(() => {
      this.createTextEditorModelPromise = null;
      this.setDirty(backup);
      this.installModelListeners();
      return this.updateVersionOnDiskStat().then(() => {
        this.versionOnDiskStat = stat;
        return this;
      });
    });
    return this.createTextEditorModelPromise;
  }

  private installModelListeners(): void {
    this.toDispose.push(
      this.textEditorModel.onDidChangeRawContent(() => {
        this.onModelContentChanged();
      }),
    );
  }

  private onModelContentChanged(): void {
    this.setDirty(true);
  }

  private setDirty(dirty: boolean): void {
    this.dirty = dirty;
  }
}
