export class EventDisplay {
  private eventsData: any;
  private onDisplayedEventChange: ((nowDisplayingEvent: any) => void)[] = [];

  constructor(private configuration?: any) {}

  public buildEventDataFromJSON(eventData: any) {
    this.eventsData = eventData;
    this.onDisplayedEventChange.forEach((callback) => callback(eventData));
  }

  public getEventMetadata(): any[] {
    return this.eventsData ? this.eventsData['event metadata'] ?? [] : [];
  }

  /**
   * Add a callback to onDisplayedEventChange array; returns the function that removes it.
   */
  public listenToDisplayedEventChange(callback: (event: any) => any): () => void {
    this.onDisplayedEventChange.push(callback);
    return () => {
      const index = this.onDisplayedEventChange.indexOf(callback);
      if (index > -1) {
        this.onDisplayedEventChange.splice(index, 1);
      }
    };
  }
}
