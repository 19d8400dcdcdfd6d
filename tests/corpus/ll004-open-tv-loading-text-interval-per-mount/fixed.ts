import { Component, Input } from "@angular/core";
import { OnDestroy } from "@angular/core";

@Component({
  selector: "app-loading",
  templateUrl: "./loading.component.html",
  styleUrl: "./loading.component.css",
})
export class LoadingComponent implements OnDestroy {
  @Input()
  center: boolean = false;
  count = 0;
  texts: string[] = ["Consider donating to Fred TV", "Loading your channels..."];

  currentText: string = "";
  private textInterval?: ReturnType<typeof setInterval>;

  ngOnInit() {
    this.displayRandomText();
    this.textInterval = setInterval(() => this.displayRandomText(), 3500);
  }

  displayRandomText() {
    if (this.count == this.texts.length) this.count = 0;
    this.currentText = this.texts[this.count++];
  }

  ngOnDestroy() {
    if (this.textInterval) clearInterval(this.textInterval);
  }
}
