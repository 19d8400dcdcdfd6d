;(function ($) {
  $.mbYTPlayer = {
    onPlayerReady: function (YTPlayer) {
      var startAt = YTPlayer.opt.startAt || 1;
      YTPlayer.player.setVolume(0);
      YTPlayer.checkForStartAt = setInterval(function () {
        var player = YTPlayer.player;
        if (player.getDuration() > 0 && player.getCurrentTime() >= startAt) {
          clearInterval(YTPlayer.checkForStartAt);
          player.pauseVideo();
          if (typeof YTPlayer.opt.onReady === 'function') YTPlayer.opt.onReady(YTPlayer);
        }
      }, 500);
    },

    playerDestroy: function () {
      var YTPlayer = this.get(0);
      clearInterval(YTPlayer.checkForStartAt);
      YTPlayer.isInit = false;
      YTPlayer.videoID = null;
      YTPlayer.wrapper.remove();
      $('#controlBar_' + YTPlayer.id).remove();
    },
  };

  $.fn.playerDestroy = $.mbYTPlayer.playerDestroy;
})(jQuery);
