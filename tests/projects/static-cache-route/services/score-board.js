class ScoreBoard {
    static boards = new Map();

    static forPlayer(playerId) {
        let board = ScoreBoard.boards.get(playerId);
        if (!board) {
            board = new ScoreBoard(playerId);
            ScoreBoard.boards.set(playerId, board);
        }
        return board;
    }

    constructor(playerId) {
        this.playerId = playerId;
        this.points = 0;
    }
}

module.exports = { ScoreBoard };
