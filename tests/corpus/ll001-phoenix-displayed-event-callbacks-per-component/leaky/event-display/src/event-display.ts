export class EventDisplay {
  private eventsData: any;
  // expect: LL001
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
   * Add a callback to onDisplayedEventChange array to call
   * the callback on changes to the displayed event.
   */
  public listenToDisplayedEventChange(callback: (event: any) => any) {
    this.onDisplayedEventChange.push(callback);
  }
}
