// The world of `hubhook --demo`, which hubhook-simulator --demo serves: a Docker Hub namespace
// "demo" whose story unfolds in the first minute (a build fails, one stays queued, one recovers;
// demo-scenario.json), rebuilds through its trigger URLs that are queued, build and succeed, an
// image pushed just now, and GitHub's demo owner "acme-gh" (SimulatedGitHub::loadDemo()) whose web
// build finishes half a minute in and whose re-runs and dispatches succeed.
#pragma once

#include <QJsonObject>
#include <QString>

class SimulatedGitHub;
class SimulatedHub;

class SimDemo
{
public:
    // speed (1-100): the story runs that many times faster; every step is divided by it.
    SimDemo(SimulatedHub &hub, SimulatedGitHub &github, int speed);

    // Before both listen: the data and the story's timeline.
    bool load(QString *error);
    // Once both listen: the GitHub part of the story starts.
    void start();
    // What a client of the demo needs besides the URLs: {"github_token": the token that sees
    // acme-gh and may re-run and dispatch, "triggers": {"ns/name": trigger URL}}.
    QJsonObject description() const;

private:
    int scaled(int ms) const; // a step of the story, sped up (at least 100 ms)
    bool loadHub(QString *error);
    void loadGitHub();

    SimulatedHub &m_hub;
    SimulatedGitHub &m_github;
    int m_speed = 1;
    QJsonObject m_scenario;
};
