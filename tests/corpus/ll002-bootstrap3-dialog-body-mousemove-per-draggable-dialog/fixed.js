(function (root, factory) {
    "use strict";
    if (typeof module !== 'undefined' && module.exports) {
        module.exports = factory(require('jquery'), require('bootstrap'));
    } else {
        root.BootstrapDialog = factory(root.jQuery);
    }
}(this, function ($) {
    "use strict";

    var BootstrapDialog = function (options) {
        this.defaultOptions = $.extend(true, {
            id: BootstrapDialog.newGuid(),
            buttons: [],
            data: {}
        }, BootstrapDialog.defaultOptions);
        this.indexedButtons = {};
        this.registeredButtonHotkeys = {};
        this.draggableData = {
            isMouseDown: false,
            mouseOffset: {}
        };
        this.realized = false;
        this.opened = false;
        this.initOptions(options);
    };

    BootstrapDialog.defaultOptions = {
        draggable: false,
        autodestroy: true,
        onhidden: null
    };

    BootstrapDialog.dialogs = {};

    BootstrapDialog.prototype = {
        constructor: BootstrapDialog,
        initOptions: function (options) {
            this.options = $.extend(true, this.defaultOptions, options);
            return this;
        },
        getId: function () {
            return this.options.id;
        },
        getModal: function () {
            if (!this.$modal) {
                this.$modal = $('<div class="modal" role="dialog"><div class="modal-dialog"><div class="modal-header"></div></div></div>');
            }
            return this.$modal;
        },
        getModalDialog: function () {
            return this.getModal().find('.modal-dialog');
        },
        getModalHeader: function () {
            return this.getModal().find('.modal-header');
        },
        isAutodestroy: function () {
            return this.options.autodestroy;
        },
        setRealized: function (realized) {
            this.realized = realized;
            return this;
        },
        isRealized: function () {
            return this.realized;
        },
        handleModalEvents: function () {
            this.getModal().on('hidden.bs.modal', {dialog: this}, function (event) {
                var dialog = event.data.dialog;
                typeof dialog.options.onhidden === 'function' && dialog.options.onhidden(dialog);
                if (dialog.isAutodestroy()) {
                    dialog.setRealized(false);
                    delete BootstrapDialog.dialogs[dialog.getId()];
                    $('body').off('mousemove.' + dialog.getId());
                    $(this).remove();
                }
            });
            return this;
        },
        makeModalDraggable: function () {
            if (this.options.draggable) {
                this.getModalHeader().addClass('bootstrap-dialog-draggable').on('mousedown', {dialog: this}, function (event) {
                    var dialog = event.data.dialog;
                    dialog.draggableData.isMouseDown = true;
                    var dialogOffset = dialog.getModalDialog().offset();
                    dialog.draggableData.mouseOffset = {
                        top: event.clientY - dialogOffset.top,
                        left: event.clientX - dialogOffset.left
                    };
                });
                this.getModal().on('mouseup mouseleave', {dialog: this}, function (event) {
                    event.data.dialog.draggableData.isMouseDown = false;
                });
                $('body').on('mousemove.' + this.getId(), {dialog: this}, function (event) {
                    var dialog = event.data.dialog;
                    if (!dialog.draggableData.isMouseDown) {
                        return;
                    }
                    dialog.getModalDialog().offset({
                        top: event.clientY - dialog.draggableData.mouseOffset.top,
                        left: event.clientX - dialog.draggableData.mouseOffset.left
                    });
                });
            }
            return this;
        },
        realize: function () {
            this.getModal().addClass('bootstrap-dialog');
            this.getModal().modal({ backdrop: 'static', keyboard: false, show: false });
            this.makeModalDraggable();
            this.handleModalEvents();
            this.setRealized(true);
            return this;
        },
        open: function () {
            !this.isRealized() && this.realize();
            BootstrapDialog.dialogs[this.getId()] = this;
            this.getModal().modal('show');
            return this;
        },
        close: function () {
            !this.isRealized() && this.realize();
            this.getModal().modal('hide');
            return this;
        }
    };

    BootstrapDialog.newGuid = function () {
        return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, function (c) {
            var r = Math.random() * 16 | 0, v = c === 'x' ? r : (r & 0x3 | 0x8);
            return v.toString(16);
        });
    };

    BootstrapDialog.show = function (options) {
        return new BootstrapDialog(options).open();
    };

    return BootstrapDialog;
}));
