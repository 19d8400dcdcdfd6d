const puppeteer = require("puppeteer");
const Discord = require("discord.js");
const client = new Discord.Client();

const config = require("./config.json");

var readyToSend = false;
const lastIndex = {number: -1};

var firstTime = true;
(async() => {
    await client.login(config.login.discord);
    const browser = await puppeteer.launch({args: ["--no-sandbox"]});
    let page = await browser.newPage();
    await startup(page);
})();

async function startup(page) {
    lastIndex.number = -1;

    await page.goto("http://www.runescape.com/companion/comapp.ws");
    let frame = await page.frames()[1];

    try {
        await frame.waitForSelector("body:not(.initial-load)", {timeout: 10000});
    } catch (e) {
        console.log("Took too long to load");
        await restart(page);
        return;
    }

    await frame.type("input#username", config.login.username);
    await frame.type("input#password", config.login.password);
    await frame.click("button.icon-login");
    await frame.waitForSelector("input#message");
    readyToSend = true;

    async function handleRead() {
        const output = await read(page, lastIndex);
        lastIndex.number = output[1];
        if (output[0] === "disconnected") {
            readyToSend = false;
            console.log("Lost connection");
            await restart(page);
        } else if (output[0] !== "clear") {
            await client.channels.get(config.configs.channelID).send(output[0]);
            setTimeout(handleRead, 0);
        } else {
            setTimeout(handleRead, 600);
        }
    }
    setTimeout(handleRead, 0);

    if (firstTime) {
        firstTime = false;
        client.on("message", message => {
            if (readyToSend) {
                if (message.channel.id == config.configs.channelID && message.author.id !== config.configs.botID) {
                    let author = message.member.nickname;
                    if (author == null) {
                        author = message.author.username;
                    }
                    send(page, message.content, author, frame);
                }
            }
        });
    }
}

async function send(page, message, author, frame) {
    await frame.type("input#message", author + ": " + message);
    await frame.click("input[type='submit']");
}

async function read(page, lastIndex) {
    if (!readyToSend) {
        return ["clear", lastIndex.number];
    }
    return await page.evaluate((lastIndex) => {
        const div = window.frames[0].document.querySelector("div.content");
        if (div == null) {
            return ["disconnected", lastIndex.number];
        }
        const list = div.querySelectorAll("li.message:not(.my-message)");
        if (lastIndex.number < list.length - 1) {
            const item = list[++lastIndex.number];
            return [item.textContent, lastIndex.number];
        }
        return ["clear", lastIndex.number];
    }, lastIndex);
}

function restart(page) {
    console.log("Restarting...");
    startup(page);
}

process.on("SIGINT", () => {
    client.destroy();
    process.exit();
});
