import SnotifyToast from './SnotifyToast.vue';
import { SnotifyService } from './SnotifyService';

const Plugin = {
  install(Vue: any) {
    const service = new SnotifyService();
    Vue.prototype.$snotify = service;
    Vue.component('snotify-toast', SnotifyToast);
  },
};

export default Plugin;
