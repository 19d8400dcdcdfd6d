;(function(window) {
    'use strict';

    var Waves = Waves || {};
    var isTouchAvailable = 'ontouchstart' in window;

    var Effect = {
        delay: 200,
        show: function(e, element) { element.classList.add('waves-rippling'); },
        hide: function(e, element) {
            element = element || this;
            element.classList.remove('waves-rippling');
        }
    };

    function getWavesEffectElement(e) {
        var target = e.target || e.srcElement;
        while (target.parentElement) {
            if (target.classList.contains('waves-effect')) return target;
            target = target.parentElement;
        }
        return null;
    }

    function showEffect(e) {
        var element = getWavesEffectElement(e);
        if (element === null) return;

        if (e.type === 'touchstart' && Effect.delay) {
            var hidden = false;
            var timer = setTimeout(function () {
                timer = null;
                Effect.show(e, element);
            }, Effect.delay);

            var hideEffect = function(hideEvent) {
                if (timer) {
                    clearTimeout(timer);
                    timer = null;
                    Effect.show(e, element);
                }
                if (!hidden) {
                    hidden = true;
                    Effect.hide(hideEvent, element);
                }
            };

            var touchMove = function(moveEvent) {
                if (timer) {
                    clearTimeout(timer);
                    timer = null;
                }
                hideEffect(moveEvent);
            };

            // expect: LL002
            element.addEventListener('touchmove', touchMove, false);
            // expect: LL002
            element.addEventListener('touchend', hideEffect, false);
            // expect: LL002
            element.addEventListener('touchcancel', hideEffect, false);
        } else {
            Effect.show(e, element);
            element.addEventListener('mouseup', Effect.hide, false);
            element.addEventListener('mouseleave', Effect.hide, false);
        }
    }

    Waves.init = function() {
        var body = document.body;
        if (isTouchAvailable) {
            body.addEventListener('touchstart', showEffect, false);
        }
        body.addEventListener('mousedown', showEffect, false);
    };

    window.Waves = Waves;
})(window);
