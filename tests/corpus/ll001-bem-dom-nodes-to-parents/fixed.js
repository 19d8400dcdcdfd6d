modules.define(
    'i-bem__dom',
    ['i-bem', 'identify', 'objects', 'jquery'],
    function(provide, BEM, identify, objects, $) {

var undef,
    /**
     * Storage for blocks by unique key
     */
    uniqIdToBlock = {},

    /**
     * Storage for DOM element's parent nodes
     */
    domNodesToParents = {},

    /**
     * Storage for block parameters
     */
    domElemToParams = {},

    reverse = Array.prototype.reverse;

function removeDomNodeFromBlock(block, domNode) {
    block.domElem.length === 1?
        block._destruct() :
        block.domElem = block.domElem.not(domNode);
}

/**
 * Fills DOM node's parent nodes to the storage
 */
function storeDomNodeParents(domElem) {
    domElem.each(function() {
        domNodesToParents[identify(this)] = this.parentNode;
    });
}

var DOM = BEM.decl('i-bem__dom', {
    liveCtxParent : function(domNode) {
        var ctxId = identify(domNode);
        return domNode.parentNode || domNodesToParents[ctxId];
    }
}, {
    _destruct : function(ctx, excludeSelf, destructDom) {
        var _ctx;
        if(excludeSelf) {
            storeDomNodeParents(_ctx = ctx.children());
            destructDom && ctx.empty();
        } else {
            storeDomNodeParents(_ctx = ctx);
            destructDom && ctx.remove();
        }

        reverse.call(_ctx.find('.i-bem')).each(function(_, domNode) {
            var params = domElemToParams[identify(domNode)] || {};
            objects.each(params, function(blockParams) {
                var block = uniqIdToBlock[blockParams.uniqId];
                block && removeDomNodeFromBlock(block, domNode);
            });
            delete domElemToParams[identify(domNode)];
        });

        // flush parent nodes storage that has been filled above
        domNodesToParents = {};
    },

    destruct : function(ctx, excludeSelf) {
        this._destruct(ctx, excludeSelf, true);
    },

    update : function(ctx, content) {
        this.destruct(ctx, true);
        return this.init(ctx.html(content));
    }
});

provide(DOM);

});
