// SPDX-License-Identifier: MIT
// The seeds' adder server, built against the installed package: prints 7 and 'HelloWorld'.
#include <mp/mp.h>

#include <iostream>

int main()
{
    auto [server_p, client_p] = mp::Pipe();
    mp::Process adder([&] {
        client_p.close();
        for (;;) {
            mp::Object req;
            try {
                req = server_p.recv();
            } catch (const mp::EOFError&) {
                break;
            }
            const mp::tuple& xy = req.as_tuple();
            if (xy[0].is_str())
                server_p.send(xy[0].as_str() + xy[1].as_str());
            else
                server_p.send(xy[0].as_int() + xy[1].as_int());
        }
    });
    adder.start();
    server_p.close();
    client_p.send(mp::tuple { 3, 4 });
    std::cout << mp::repr(client_p.recv()) << "\n";
    client_p.send(mp::tuple { "Hello", "World" });
    std::cout << mp::repr(client_p.recv()) << "\n";
    client_p.close();
    adder.join();
    return adder.exitcode().value_or(-1);
}
