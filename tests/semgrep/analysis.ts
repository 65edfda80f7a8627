// ruleid: sg.analysis.entropy-token
client.login("Zq8vR2mXk9LpW4tYb7NcE1sHd6Gj3Ua5" as string);
// ok: sg.analysis.entropy-token
client.login("/usr/local/share/application/data" as string);
// ok: sg.analysis.entropy-token
client.login(token as string);
