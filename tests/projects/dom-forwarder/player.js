import dom from './utils/dom';

export default function (view, player) {
    function onPointerMove(e) {
        player.showOsd(e);
    }

    view.addEventListener('viewshow', function () {
        // taken back in 'viewbeforehide' through the same helper module
        dom.addEventListener(document, 'pointermove', onPointerMove, { passive: true });
        // a new closure on every 'viewshow', never taken back
        dom.addEventListener(window, 'keydown', (e) => player.onKey(e), { passive: true });
    });

    view.addEventListener('viewbeforehide', function () {
        dom.removeEventListener(document, 'pointermove', onPointerMove, { passive: true });
    });
}
