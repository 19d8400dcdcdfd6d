import { TPromise } from 'vs/base/common/winjs.base';
import URI from 'vs/base/common/uri';
import { IRawTextSource } from 'vs/editor/common/model/textSource';
import { BaseTextEditorModel } from 'vs/workbench/common/editor/textEditorModel';

export class TextFileEditorModel extends BaseTextEditorModel {
  private createTextEditorModelPromise: TPromise<TextFileEditorModel> | null = null;
  private toDispose: { dispose(): void }[] = [];
  private versionOnDiskStat: { etag: string; size: number } | null = null;

  private doCreateTextModel(resource: URI, value: IRawTextSource, backup: boolean): TPromise<TextFileEditorModel> {
    this.createTextEditorModelPromise = this.createTextEditorModel(value, resource).then(() => {
      this.createTextEditorModelPromise = null;
      this.setDirty(backup);
      this.toDispose.push(
        // expect: LL005
        this.textEditorModel.onDidChangeRawContent(() => {
          this.onModelContentChanged();
        }),
      );
      return this.updateVersionOnDiskStat().then(() => {
        this.versionOnDiskStat = { etag: value.hash, size: value.length };
        return this;
      });
    });
    return this.createTextEditorModelPromise;
  }

  private onModelContentChanged(): void {
    this.setDirty(true);
  }

  private setDirty(dirty: boolean): void {
    this.dirty = dirty;
  }
}
