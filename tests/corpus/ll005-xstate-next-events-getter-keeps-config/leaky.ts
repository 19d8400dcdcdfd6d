import { nextEvents } from './utils';
import { StateConfig, StateValue, EventObject, StateNode } from './types';

export class State<TContext, TEvent extends EventObject = EventObject> {
  public value: StateValue;
  public context: TContext;
  public history?: State<TContext, TEvent>;
  public configuration: Array<StateNode<TContext, any, TEvent>>;
  public nextEvents: string[];

  constructor(config: StateConfig<TContext, TEvent>) {
    this.value = config.value;
    this.context = config.context;
    // the previous state: the interpreter deletes this.history once it moves on
    this.history = config.history;
    this.configuration = config.configuration;

    Object.defineProperty(this, 'nextEvents', {
      // expect: LL005
      get: () => {
        return nextEvents(config.configuration);
      }
    });
  }
}

export class Interpreter<TContext, TEvent extends EventObject> {
  public state: State<TContext, TEvent>;

  private update(state: State<TContext, TEvent>): void {
    // so that the history does not chain every earlier state
    delete state.history;
    this.state = state;
  }

  public send(event: TEvent, machine: any): void {
    const next = new State<TContext, TEvent>({
      value: machine.transition(this.state, event).value,
      context: this.state.context,
      history: this.state,
      configuration: machine.getConfiguration(this.state, event),
    } as StateConfig<TContext, TEvent>);
    this.update(next);
  }
}
