// The reference of measures 4-6: a QSystemTrayIcon hello-world. It logs the same line as
// Hubhook's tray ("tray icon shown") once show() returned with a tray available.
//   hubhook-bench-bare-tray           show the icon and run until terminated
//   hubhook-bench-bare-tray --probe   exit 0 as soon as a system tray is available (10 s)
#include <cstdio>
#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QMenu>
#include <QPixmap>
#include <QSystemTrayIcon>
#include <QThread>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setQuitOnLastWindowClosed(false);
    if (app.arguments().contains(QStringLiteral("--probe"))) {
        QElapsedTimer timer;
        timer.start();
        while (!QSystemTrayIcon::isSystemTrayAvailable()) {
            if (timer.elapsed() > 10000)
                return 1;
            QCoreApplication::processEvents();
            QThread::msleep(50);
        }
        return 0;
    }
    if (!QSystemTrayIcon::isSystemTrayAvailable()) {
        std::fprintf(stderr, "no system tray\n");
        return 1;
    }
    QPixmap pixmap(22, 22);
    pixmap.fill(Qt::darkCyan);
    const QIcon icon(pixmap);
    QSystemTrayIcon tray(icon);
    QMenu menu;
    menu.addAction(QStringLiteral("Quit"), &app, &QCoreApplication::quit);
    tray.setContextMenu(&menu);
    tray.setToolTip(QStringLiteral("Hello"));
    tray.show();
    std::fprintf(stderr, "tray icon shown\n");
    std::fflush(stderr);
    return QApplication::exec();
}
