"""Town meetings: full-screen slides for one district (``?district=``, ``?slide=``)."""

from components.presentation import presentation

presentation()
