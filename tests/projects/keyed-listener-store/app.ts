import { Subscriber } from './subscriber';

// one subscriber per view shown
export function init(view: any, manager: any) {
    view.addEventListener('viewshow', () => {
        const subscriber = new Subscriber(manager);
        view.subscriber = subscriber;
    });
}
