// Plain data types of the simulated Docker Hub's public API.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QMetaType>
#include <QString>

// One build-history entry.
struct SimBuild
{
    qint64 id = 0; // 0 => assigned by the hub
    int status = 0; // Docker Hub codes: 10 success, 0/1/11 queued, 2/3 building, -1/-2 failed...
    QString tag = QStringLiteral("latest");
    QString buildCode; // "" => generated
    QString cause; // "" => JSON null
    QDateTime created; // invalid => now
    QDateTime updated; // invalid => now
};

// One request as the hub received it.
struct SimRequest
{
    QString method;
    QString path;
    QString query;
    QHash<QString, QString> headers; // lower-case names
    QByteArray body;
};

// One webhook delivery received at /hooks/{name}[/...].
struct SimWebhook
{
    QString name; // the {name} segment
    QString path; // full request path
    QHash<QString, QString> headers; // lower-case names
    QByteArray body;
    QDateTime received; // UTC
    int status = 0; // what was answered; 0 for a hang or a connection reset
};

Q_DECLARE_METATYPE(SimRequest)
Q_DECLARE_METATYPE(SimWebhook)
