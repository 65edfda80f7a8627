// ruleid: sg.analysis.entropy-token
client.login("Zq8vR2mXk9LpW4tYb7NcE1sHd6Gj3Ua5");
// ruleid: sg.analysis.entropy-token
client.login("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b");
const KEY = "xT4#pL9!qW2$zR7&mN5^kB8*";
// ruleid: sg.analysis.entropy-token
client.login(KEY);
// ok: sg.analysis.entropy-token
client.login("this is a perfectly ordinary sentence");
// ok: sg.analysis.entropy-token
client.login("configurationManagerInstance");
// ok: sg.analysis.entropy-token
client.login("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
// ok: sg.analysis.entropy-token
client.login("Zq8vR2mXk9");
// ok: sg.analysis.entropy-token
client.login(process.env.TOKEN);
