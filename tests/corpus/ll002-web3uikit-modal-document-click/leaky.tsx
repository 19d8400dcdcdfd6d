import React, { useEffect, useState } from 'react';
import { ModalProps } from './types';
import Button from '../Button/Button';
import { DivStyledWrap, DivStyledContent } from './Modal.styles';

const Modal: React.FC<ModalProps> = ({
    children,
    id = String(Date.now()),
    isVisible = true,
    onCloseButtonPressed,
    title,
}: ModalProps) => {
    const [visible, setVisible] = useState(isVisible);

    useEffect(() => {
        // expect: LL002
        document.addEventListener('click', (e: any) => {
            handleContentClick(e);
        });
    }, []);

    useEffect(() => {
        setVisible(isVisible);
    }, [isVisible]);

    const handleContentClick = (event: React.MouseEvent<HTMLElement>) => {
        const target = event.target as Element;
        if (target.id === 'close') toggleVisibility();
    };

    const toggleVisibility = () => {
        setVisible(!visible);
    };

    return (
        <DivStyledWrap id={id} isVisible={visible}>
            <DivStyledContent>
                <h3>{title}</h3>
                {children}
                <Button id="close" onClick={onCloseButtonPressed} text="Close" />
            </DivStyledContent>
        </DivStyledWrap>
    );
};

export default Modal;
