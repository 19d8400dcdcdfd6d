import { Component, NgZone, Input } from '@angular/core';
import { NavController } from 'ionic-angular';
import { BlocksProvider } from '../../providers/blocks/blocks';
import { BlocksPage } from '../../pages';

@Component({
  selector: 'latest-blocks',
  templateUrl: 'latest-blocks.html'
})
export class LatestBlocksComponent {

  public loading: boolean = true;
  public blocks: Array<any> = [];
  @Input() public numBlocks: number;
  @Input() public showAllBlocksButton: boolean;

  constructor(private blocksProvider: BlocksProvider, private navCtrl: NavController, ngZone: NgZone) {
    this.loadBlocks();
    ngZone.runOutsideAngular(() => {
      // expect: LL004
      setInterval(
        function (): void {
          ngZone.run(function (): void {
            this.loadBlocks.call(this);
          }.bind(this));
        }.bind(this),
        1000 * 30
      );
    });
  }

  private loadBlocks(): void {
    this.blocksProvider.getBlocks().subscribe(
      (data) => {
        this.blocks = JSON.parse(data['_body']).blocks;
        this.loading = false;
      },
      (err) => {
        console.log('err', err);
        this.loading = false;
      }
    );
  }

  public goToBlock(blockHash: string): void {
    this.navCtrl.push('block-detail', { 'blockHash': blockHash });
  }

  public getBlocks(): Array<any> {
    return this.blocks.filter((block, index) => index < this.numBlocks);
  }

  public goToBlocks(): void {
    this.navCtrl.push(BlocksPage);
  }
}
